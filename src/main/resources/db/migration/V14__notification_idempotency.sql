-- A notice of a case step is delivered from the step's event (common.CaseStep) at least once; its key (the event's id
-- and the recipient) makes a redelivery queue nothing twice.
alter table notification add column idempotency_key varchar(120);
alter table notification add constraint uk_notification_idempotency unique (idempotency_key);
