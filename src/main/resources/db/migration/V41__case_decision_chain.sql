-- 商用密码 and 防篡改 (docs/crypto.md, docs/security.md "Recorded decisions"): every human decision of a case is
-- chained to the one before it with SM3 (GB/T 32905-2016), so that a decision changed, removed or slipped in after
-- the fact breaks the case's chain, and the effects (registration, issuance, restoration) refuse to act on a broken
-- one. One chain per case (process instance): a case's first decision chains from SM3("case_decision\n" + instance
-- id), so a chain cannot be moved to another case; each row's hash is SM3(previous_hash + "\n" + its content)
-- (decision.DecisionChain). Decisions recorded before this version have no stored hash: they enter the chain as if
-- hashed (their content is folded in by the same rule), so the first stored hash after them covers them too.
-- A unique (instance, previous hash) pair means two decisions cannot both follow the same one: the chain never forks.
-- Portable SQL: PostgreSQL and H2.
alter table case_decision add column previous_hash varchar(64);
alter table case_decision add column hash varchar(64);
alter table case_decision add constraint uk_case_decision_chain unique (process_instance_id, previous_hash);

-- Where the stored chain starts: every decision from this id on carries its hash; only older ones may lack it (so
-- removing a later row's hashes does not pass it off as an old one).
create table case_decision_chain_start (
    id              integer primary key,
    first_chained_id bigint  not null,
    constraint ck_case_decision_chain_start_single check (id = 1)
);
insert into case_decision_chain_start (id, first_chained_id) select 1, coalesce(max(id), 0) + 1 from case_decision;
