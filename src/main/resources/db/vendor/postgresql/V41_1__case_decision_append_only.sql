-- Recorded decisions are append-only in the database itself, whatever role writes: no row is ever updated, deleted
-- or truncated (the decisions are the legal record of a case; docs/security.md "Recorded decisions").
create or replace function case_decision_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_decision is append-only: no decision is %', lower(tg_op) || 'd';
end $$;

create trigger case_decision_append_only before update or delete on case_decision
    for each row execute function case_decision_append_only();
create trigger case_decision_no_truncate before truncate on case_decision
    for each statement execute function case_decision_append_only();
