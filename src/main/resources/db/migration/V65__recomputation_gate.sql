-- The recomputation gate (issue 18, item 3): a verified or registered quantity above the platform's recomputation by
-- more than carbon-inclusion.reduction.recompute-tolerance needs a recorded reason, published with the issuance.
--   recompute_limit_tco2e: the platform's recomputation plus the tolerance, fixed when the recomputation runs (the
--     reviewers' forms, the task door and the issuance all compare with this one figure);
--   above_recomputation, excess_reason: set by the issuance when the registered quantity is above that limit, with
--     the reasons the technical review and the bureau approval recorded (public).
alter table reduction_application add column recompute_limit_tco2e numeric(18, 6);
alter table reduction_application add column above_recomputation boolean default false not null;
alter table reduction_application add column excess_reason varchar(4200);

-- Trip-level methodologies refuse aggregate activity data: their machine-readable parameters say so
-- ("activityLevel": "trip"). The shipped low-carbon travel example is computed from trip records (the activity upload
-- reads trips); installations that seeded it before this version get the declaration here.
update methodology set parameters = '{"activityLevel": "trip", ' || substring(parameters from 2)
 where code = 'BJCI-M-TRAVEL' and parameters like '{%' and parameters not like '%"activityLevel"%';
