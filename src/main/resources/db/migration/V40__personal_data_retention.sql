-- Personal data retention (docs/personal-data.md, common.PersonalDataRetention): a delivered notice keeps its row
-- (template, subject, times, status) but loses its address and text once its retention period has passed, so both
-- columns may be null. Portable: PostgreSQL and H2.
alter table notification alter column recipient drop not null;
alter table notification alter column body drop not null;
