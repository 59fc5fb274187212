-- 决定日志 (docs/security.md "Recorded decisions", issue 20 item 4): one global, append-only SM3 hash chain over every
-- recorded case decision (case_decision), in the order they were recorded, written in the transaction that records
-- the decision (decision.DecisionJournal). Entry ids are the chain's positions 1, 2, 3, ... without gaps (drawn under
-- the head row's lock); a previous hash is unique, so the chain cannot fork; a decision is journalled once.
--
-- Public columns (anyone recomputes the chain from them, GET /api/public/decisions/journal): the case (process key and
-- business key), the step (task key, route), the outcome (the values of the form's choice fields only), the time.
-- Who decided and the reasons (decision_values, free text) are not public: they enter the chain as private_digest =
-- SM3(private_salt + "\n" + the decision's private fields), so the chain is verifiable without them and the
-- authorities recompute the digest from case_decision (GET /api/decisions/journal/verify).
-- Decisions recorded before this version are journalled at start-up, in case_decision id order, before any new one
-- (decision_journal_head.backfilled). Portable SQL: PostgreSQL and H2.
create table decision_journal (
    id               bigint       primary key,
    case_decision_id bigint       not null,
    decided_at       timestamp with time zone not null,
    process_key      varchar(255) not null,
    business_key     varchar(255),
    task_key         varchar(255) not null,
    route            varchar(20)  not null,
    outcome          varchar(2000) not null,
    private_digest   varchar(64)  not null,
    private_salt     varchar(32)  not null,
    previous_hash    varchar(64)  not null,
    hash             varchar(64)  not null,
    constraint uk_decision_journal_decision unique (case_decision_id),
    constraint uk_decision_journal_previous unique (previous_hash)
);

-- The single row naming the last entry; every append locks it, so the chain has one order.
create table decision_journal_head (
    id            integer     primary key,
    last_entry_id bigint      not null,
    last_hash     varchar(64) not null,
    backfilled    boolean     not null,
    constraint ck_decision_journal_head_single check (id = 1)
);
insert into decision_journal_head (id, last_entry_id, last_hash, backfilled)
    values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', false);
