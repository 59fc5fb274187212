-- GET /api/projects is paged, newest first, optionally of one status (docs/benchmarks.md, "Task list at volume"):
-- the authorities' pages read (status, id) backwards and stop after one page, and the count of a status is an
-- index-only scan — ix_project_status_id, created by V50 for the public lists, serves both; ix_project_status, whose
-- leading column it repeats, goes. A developer's pages read (developer_id, id); ix_project_developer stays (H2 uses
-- it for the foreign key to developer_organisation).
drop index ix_project_status;
create index ix_project_developer_id on project (developer_id, id);
