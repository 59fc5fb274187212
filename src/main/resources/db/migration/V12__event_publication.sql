-- Spring Modulith's event publication registry (JDBC): every event a transactional listener must receive is written
-- here in the transaction that published it, and deleted once the listener completed it
-- (spring.modulith.events.completion-mode=delete), so the table holds only what is still to deliver. Incomplete
-- publications are resubmitted on restart and on a schedule (common.EventRedelivery). Modulith's own schema, made
-- portable (PostgreSQL and H2): the serialized event may exceed a btree entry, so it is not indexed; completion is
-- looked up by listener.
create table event_publication (
    id               uuid                     not null primary key,
    listener_id      varchar(512)             not null,
    event_type       varchar(512)             not null,
    serialized_event varchar(100000)          not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);
create index ix_event_publication_completion on event_publication (completion_date);
create index ix_event_publication_listener on event_publication (listener_id, publication_date);

-- A disclosure entry remembers the event that made it: a redelivered event publishes nothing twice.
alter table disclosure_entry add column event_id uuid;
alter table disclosure_entry add constraint uk_disclosure_entry_event unique (event_id);
