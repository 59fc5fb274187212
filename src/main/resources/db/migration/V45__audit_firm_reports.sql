-- 审计报告 (issue 18, item 2): the yearly revenue-use audit is the audit firm's document. The developer engages a
-- recorded audit firm for the period; the firm's accounts upload the signed report (its SHA-256 recorded) and file
-- its conclusions; the portal publishes the document. Portable SQL: PostgreSQL and H2.

alter table audit_report add column agency_id bigint references service_agency (id);
alter table audit_report add column engaged_by varchar(64);
alter table audit_report add column engaged_at timestamp with time zone;
alter table audit_report add column audit_opinion varchar(20);
alter table audit_report add constraint ck_audit_report_opinion
    check (audit_opinion is null or audit_opinion in ('UNQUALIFIED', 'QUALIFIED', 'ADVERSE', 'DISCLAIMER'));
create index ix_audit_report_agency on audit_report (agency_id);

-- The signed report as the firm uploaded it: one per audit report; uploading again before the filing replaces it.
create table audit_report_document (
    audit_report_id     bigint        not null primary key references audit_report (id),
    agency_id           bigint        not null references service_agency (id),
    filename            varchar(255)  not null,
    content_type        varchar(100)  not null,
    size_bytes          bigint        not null,
    sha256              varchar(64)   not null,
    content             bytea         not null,
    uploaded_by         varchar(64)   not null,
    uploaded_at         timestamp with time zone not null,
    lock_version        bigint        not null default 0
);
