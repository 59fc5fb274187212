-- Issue 26, item 1: daily snapshots of the KPI figures for the Cockpit charts over time (KpiDailyHistory, docs/kpi.md).
-- One row per day, kind and key: STAGE (key1 process key, key2 activity id) running cases waiting in a stage,
-- GROUP (key1 candidate group) open tasks, CASES running cases in all. Written once a day (the primary key keeps a
-- second node from writing the day again), kept carbon-inclusion.kpi.daily-retention-days days.
create table kpi_daily (
    snapshot_day  date          not null,
    kind          varchar(20)   not null,
    key1          varchar(255)  not null,
    key2          varchar(255)  not null,
    label         varchar(300),
    figure        numeric(18, 2) not null,
    recorded_at   timestamp with time zone not null,
    constraint pk_kpi_daily primary key (snapshot_day, kind, key1, key2)
);
