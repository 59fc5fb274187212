-- The second factor of staff accounts (GB/T 22239-2019 8.1.4.1 d): an RFC 6238 secret per account, confirmed with a
-- first code before it is asked at login; the last time step used, so that an older code is never accepted again.
create table second_factor (
    user_id       varchar(100) primary key,
    secret        varchar(200) not null,
    created_at    timestamp with time zone not null,
    confirmed_at  timestamp with time zone,
    last_step     bigint not null default 0
);
