-- A revenue return verified from a reconciled payout ledger (issue 19, item 2; docs/participants.md) is recorded as a
-- report of source VERIFIED, naming its reduction application; for a project-year with one, the monitor counts the
-- verified reports only. The developer's self-reported ones stay, for history.
alter table registry_revenue_return add column source varchar(20) default 'SELF_REPORTED' not null;
alter table registry_revenue_return add column application_id bigint;
alter table registry_revenue_return add constraint ck_registry_revenue_return_source
    check (source in ('SELF_REPORTED', 'VERIFIED'));
