-- The participants' Merkle tree of a payout ledger, kept by aligned chunks of 1,024 leaves (issue 19; docs/participants.md):
-- each chunk's first pseudonym and its subtree hash, written when the root is computed. A proof then reads one chunk
-- of leaves and the chunk hashes instead of every leaf of the application. Portable SQL: PostgreSQL and H2.
create table participant_chunk (
    application_id  bigint       not null,
    chunk_no        integer      not null,
    first_pseudonym varchar(64)  not null,
    leaves          integer      not null,
    hash            varchar(64)  not null,
    constraint pk_participant_chunk primary key (application_id, chunk_no),
    constraint ck_participant_chunk_leaves check (leaves between 1 and 1024)
);
