-- Overdue reviewer tasks already escalated (one notice round per task, also in a cluster).
create table task_escalation (
    task_id         varchar(64)   primary key,
    task_name       varchar(255)  not null,
    due_date        timestamp with time zone not null,
    escalated_at    timestamp with time zone not null
);
