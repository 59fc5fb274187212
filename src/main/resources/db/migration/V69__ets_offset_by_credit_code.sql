-- ETS offsets by credit code (issue 18, item 5). An ETS_OFFSET retirement names its covered entity by unified social
-- credit code from the imported list (V68); the name and verified emissions are taken from the list, not declared.
-- Existing rows (written before: keyed by the entity's name as declared) are kept as they are, for history.

-- The tally of offsets per entity and year is now keyed by credit code. Rows written before keep their name key and
-- have no credit code; no new row is written without one, so the old unique key by name is replaced by one by credit
-- code (several null credit codes are allowed: the old rows were unique by name when written).
alter table registry_ets_offset add column credit_code varchar(18);
alter table registry_ets_offset drop constraint uk_registry_ets_offset;
alter table registry_ets_offset add constraint uk_registry_ets_offset_code unique (credit_code, compliance_year);
create index ix_registry_ets_offset_entity on registry_ets_offset (covered_entity, compliance_year);

-- The retirement and the public serial history carry the covered entity's credit code (public: a company's code is).
alter table registry_retirement add column covered_entity_credit_code varchar(18);
alter table registry_movement add column beneficiary_credit_code varchar(18);
