-- The public lists at volume (docs/portal.md, "Paging, caching and conditional GET"; docs/benchmarks.md): a million
-- registry entries publish two million disclosure items. Portable: PostgreSQL and H2.

-- The feed by kind, newest first (the portal's bars page, its counts): without it every page scans the whole feed
-- backwards for items of rare kinds.
create index ix_disclosure_kind on disclosure_entry (kind, id);

-- The reduction applications of one status, newest first (the portal's reductions list filtered by status), and of
-- every filed status (id and status: the page's ids are read from the index alone, not from a million rows).
create index ix_reduction_status on reduction_application (status, id);
create index ix_reduction_id_status on reduction_application (id, status);

-- The projects of one status, newest first (the portal's and the API's project lists, the status counts).
create index ix_project_status_id on project (status, id);
