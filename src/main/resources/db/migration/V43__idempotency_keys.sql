-- A client that lost the answer to a write (a timeout, a node that died mid-request) sends it again with the same
-- Idempotency-Key header: the second is refused (409) instead of filing a second reduction application or moving the
-- same units twice. Keys are scoped to the project or account that writes, so one client cannot block another's.
alter table reduction_application add column submission_key varchar(100);
create unique index uk_reduction_application_submission_key on reduction_application (project_id, submission_key);

alter table registry_transfer add column submission_key varchar(100);
create unique index uk_registry_transfer_submission_key on registry_transfer (from_account_id, submission_key);

alter table registry_retirement add column submission_key varchar(100);
create unique index uk_registry_retirement_submission_key on registry_retirement (account_id, submission_key);
