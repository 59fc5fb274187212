-- Published heads are never changed or removed (a head once published is a copy others hold).
create or replace function published_journal_head_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'published_journal_head is append-only: no head is %', lower(tg_op) || 'd';
end $$;

create trigger published_journal_head_append_only before update or delete on published_journal_head
    for each row execute function published_journal_head_append_only();
create trigger published_journal_head_no_truncate before truncate on published_journal_head
    for each statement execute function published_journal_head_append_only();
