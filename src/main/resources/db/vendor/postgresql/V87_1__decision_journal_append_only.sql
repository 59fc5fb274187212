-- The decisions journal is append-only in the database itself, as case_decision is (V41_1): no entry is updated,
-- deleted or truncated, whichever role writes. (Its head row moves forward with each append.)
create or replace function decision_journal_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'decision_journal is append-only: no entry is %', lower(tg_op) || 'd';
end $$;

create trigger decision_journal_append_only before update or delete on decision_journal
    for each row execute function decision_journal_append_only();
create trigger decision_journal_no_truncate before truncate on decision_journal
    for each statement execute function decision_journal_append_only();
