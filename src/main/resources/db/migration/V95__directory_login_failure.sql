-- Failed logins of directory accounts (profile ldap): the directory identity provider is read-only, so the engine's
-- own lockout (act_id_user.attempts_) cannot count them; identity.DirectoryLockout does, here.
create table directory_login_failure (
  user_id varchar(255) primary key,
  failures integer not null,
  last_failure timestamp not null
);
