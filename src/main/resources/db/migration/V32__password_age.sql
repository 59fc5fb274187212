-- When each account's password was last set (identity.PasswordExpiry): staff passwords expire after 90 days. Accounts
-- that existed before this table count from the first start that has it.
create table password_age (
    user_id     varchar(100) primary key,
    changed_at  timestamp with time zone not null
);
