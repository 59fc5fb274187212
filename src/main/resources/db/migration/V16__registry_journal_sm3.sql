-- 商用密码 (docs/crypto.md, docs/registry.md "Journal"): the registry journal's hash chain moves from SHA-256 to SM3
-- (GB/T 32905-2016) without rewriting a single entry. Every entry names its hash algorithm; the entries written
-- before this version keep SHA-256 and stay verifiable as they are. The chain is re-anchored here: the anchor records
-- the first entry to be hashed with SM3 (the next id) and the SHA-256 head it chains from, so verification requires
-- SHA-256 before the anchor, SM3 from it, and the first SM3 entry to continue the recorded head.
-- Portable SQL: PostgreSQL and H2.
alter table registry_journal add column hash_algorithm varchar(10) default 'SHA-256' not null;
alter table registry_journal alter column hash_algorithm drop default;
alter table registry_journal add constraint ck_registry_journal_algorithm
    check (hash_algorithm in ('SHA-256', 'SM3'));

create table registry_journal_anchor (
    algorithm       varchar(10)   primary key,
    first_entry_id  bigint        not null,
    previous_hash   varchar(64)   not null,
    anchored_at     timestamp with time zone not null,
    constraint ck_registry_journal_anchor_algorithm check (algorithm = 'SM3'),
    constraint ck_registry_journal_anchor_entry check (first_entry_id >= 1)
);
insert into registry_journal_anchor (algorithm, first_entry_id, previous_hash, anchored_at)
select 'SM3', last_entry_id + 1, last_hash, current_timestamp from registry_journal_head where id = 1;
