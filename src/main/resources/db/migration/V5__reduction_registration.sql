-- Reduction review and registration (issue 6): drafts (filled with activity data before submission), holds while
-- the project is suspended, terminations when it is cancelled, the monitoring report, activity aggregates, the
-- platform's recomputation, the verified and approved quantities and what was issued.

alter table reduction_application drop constraint ck_reduction_status;
alter table reduction_application add constraint ck_reduction_status check (status in ('DRAFT', 'SUBMITTED',
    'UNDER_REVIEW', 'ON_HOLD', 'APPROVED', 'REGISTERED', 'REJECTED', 'WITHDRAWN', 'TERMINATED'));
alter table reduction_application add column monitoring_report varchar(8000);
alter table reduction_application add column activities varchar(1000000);
alter table reduction_application add column recomputed_tco2e numeric(18, 6);
alter table reduction_application add column approved_tco2e numeric(18, 4);
alter table reduction_application add column issued_quantity bigint;
alter table reduction_application add column first_serial varchar(100);
alter table reduction_application add column last_serial varchar(100);
alter table reduction_application add column status_reason varchar(4000);
alter table reduction_application add column submitted_by varchar(64);
alter table reduction_application add column updated_at timestamp with time zone;
alter table reduction_application add constraint ck_reduction_approved check (approved_tco2e is null or approved_tco2e >= 0);
