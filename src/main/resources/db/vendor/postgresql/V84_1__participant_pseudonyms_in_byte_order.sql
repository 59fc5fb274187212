-- The participants' pseudonyms are compared, ordered and indexed in byte order ("C") whatever the database's locale
-- (issue 19; docs/participants.md, docs/benchmarks.md). The Merkle tree's leaves are in byte order, and so are the
-- chunks that proofs read. In a database created with a locale collation (Debian's initdb: C.UTF-8; en_US.UTF-8 or
-- zh_CN.UTF-8 elsewhere), an index in the locale's order cannot serve `order by pseudonym collate "C"`: a proof then
-- sorted every leaf of the application. With "C" on the columns the primary keys give the byte order directly.
alter table participant_share alter column pseudonym type varchar(64) collate "C";
alter table payout alter column pseudonym type varchar(64) collate "C";
alter table participant_chunk alter column first_pseudonym type varchar(64) collate "C";
