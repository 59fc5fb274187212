-- The project's site as the duplicate checks compare it (issue 18, item 4): optional coordinates (WGS-84 degrees)
-- and the site key, the district and normalised address (project.SiteAddress), indexed for the lookup of every
-- Beijing project on the same site. The keys of the projects filed before are written by the Java migration 66.1
-- (project.ProjectSiteKeysMigration), which normalises with the same code.
alter table project add column latitude numeric(9, 7);
alter table project add column longitude numeric(10, 7);
alter table project add column site_key varchar(400);
create index ix_project_site_key on project (site_key);
create index ix_project_latitude on project (latitude);
