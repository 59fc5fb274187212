-- 商用密码 (docs/crypto.md): personal contact fields are stored SM4-GCM encrypted (crypto.PersonalText), as
-- "sm4gcm:" + base64(version | key id | IV | ciphertext | tag): about 4/3 of the UTF-8 bytes plus 50 characters.
-- The columns are widened to hold the longest value the API accepts once encrypted. Rows written before this
-- version are clear text; crypto.FieldKeyRotation encrypts them at start (and re-encrypts rows of an old key id after
-- a key rotation). Portable SQL: PostgreSQL and H2 both take SET DATA TYPE.
alter table project_version alter column contact_name set data type varchar(600);
alter table project_version alter column contact_phone set data type varchar(400);
alter table project_version alter column contact_email set data type varchar(1200);
alter table project_change alter column new_values set data type varchar(40000);
alter table objection alter column objector_name set data type varchar(600);
alter table objection alter column contact set data type varchar(1200);
alter table methodology_comment alter column commenter_name set data type varchar(600);
alter table methodology_comment alter column contact set data type varchar(1200);
alter table developer_organisation alter column contact_email set data type varchar(1200);
