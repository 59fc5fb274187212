-- The platform's own additions to the engine's tables (common.EngineIndexes runs this after the engine has created or
-- upgraded its schema; docs/operations.md "Indexes on the engine's tables"; plans in docs/benchmarks.md).
--
-- Tasklist's group filters (技术中心待办, 生态环境局待办, …) sort by due date and show the first page: with an index on
-- the due date the query walks the tasks in that order and stops after the page, instead of joining and sorting every
-- task of the group.
create index if not exists ix_engine_task_due on act_ru_task (due_date_);

-- The authorization check joins ACT_RU_AUTHORIZATION on "resource_id_ in (task id, process definition key, '*')"
-- and filters it by "perms_ & <permission> = <permission>". PostgreSQL has no statistics for such expressions and
-- guesses 0.5 %: for 60,000 authorizations of the techcenter's tasks it expected 299 rows, materialised them all and
-- compared every task of the page with each (seconds at 100,000 tasks, minutes for the filter's count). With
-- statistics on the expressions (READ = 2 on tasks, READ_TASK = 64 on process definitions) it estimates right and
-- looks up each task's authorization by the resource id index.
create statistics if not exists st_engine_authorization_perms (mcv)
    on type_, resource_type_, (perms_ & 2), (perms_ & 64) from act_ru_authorization;
analyze act_ru_authorization;
