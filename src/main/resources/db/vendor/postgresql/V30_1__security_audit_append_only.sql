-- The security audit is append-only in the database itself, whatever role writes: no row is ever updated, and a row
-- is deleted only once it is older than six months (the minimum retention of GB/T 22239-2019 and the Cybersecurity
-- Law art. 21); a purge of older rows is the retention job's (identity.SecurityAuditRetention). The head row moves
-- forward only.
create or replace function security_audit_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    raise exception 'security_audit is append-only: no row is updated';
  end if;
  if tg_op = 'TRUNCATE' then
    raise exception 'security_audit is append-only: it is never truncated';
  end if;
  if old.occurred_at > now() - interval '6 months' then
    raise exception 'security_audit rows are kept at least six months (row % of %)', old.id, old.occurred_at;
  end if;
  return old;
end $$;

create trigger security_audit_append_only before update or delete on security_audit
    for each row execute function security_audit_append_only();
create trigger security_audit_no_truncate before truncate on security_audit
    for each statement execute function security_audit_append_only();

create or replace function security_audit_head_forward() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or new.last_id < old.last_id then
    raise exception 'security_audit_head only moves forward';
  end if;
  return new;
end $$;

create trigger security_audit_head_forward before update or delete on security_audit_head
    for each row execute function security_audit_head_forward();
