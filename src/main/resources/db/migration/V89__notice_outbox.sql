-- Issue 26, item 4: with no mail server configured, a notice is kept in the outbox for the administrators (KEPT)
-- instead of failing a send per notice.
alter table notification drop constraint ck_notification_status;
alter table notification add constraint ck_notification_status
    check (status in ('PENDING', 'SENDING', 'SENT', 'FAILED', 'KEPT'));
