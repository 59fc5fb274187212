-- GET /api/projects is paged, newest first, optionally of one status (docs/benchmarks.md, "Task list at volume"):
-- the authorities' pages read (status, id) backwards and stop after one page; a developer's read (developer_id, id).
-- They replace the single-column indexes, whose leading columns they keep.
drop index ix_project_status;
create index ix_project_status_id on project (status, id);
drop index ix_project_developer;
create index ix_project_developer_id on project (developer_id, id);
