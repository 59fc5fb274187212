-- Methodology relevelling is a new version (issue 20, item 3; docs/admin-guide.md "Methodology versions"). The bureau's
-- evaluation decision to relevel or retire a version states what happens to the projects registered under it:
-- CONTINUE (they keep issuing to the end of their crediting period) or CLASS_TWO (they become Class II projects and
-- no reductions are issued under this version from issuance_stops_on). Recorded on the version the decision is about;
-- the reduction checks and the issuance read it. Portable SQL: PostgreSQL and H2.
alter table methodology add column existing_projects varchar(20);
alter table methodology add column issuance_stops_on date;
alter table methodology add constraint ck_methodology_existing_projects
    check (existing_projects is null or existing_projects in ('CONTINUE', 'CLASS_TWO'));
alter table methodology add constraint ck_methodology_issuance_stop
    check ((existing_projects = 'CLASS_TWO') = (issuance_stops_on is not null));
