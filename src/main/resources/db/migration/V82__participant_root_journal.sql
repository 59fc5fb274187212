-- The participants' Merkle root of a reduction application enters the registry journal (issue 19, item 3;
-- docs/participants.md): a new journal operation PARTICIPANT_ROOT, and the ledger remembers its entry.
alter table registry_journal drop constraint ck_registry_journal_operation;
alter table registry_journal add constraint ck_registry_journal_operation check (operation in ('ISSUE', 'TRANSFER',
    'CONFIRM_RECEIPT', 'TRADE', 'RETIRE', 'CANCEL', 'REVENUE_RETURN', 'PARTICIPANT_ROOT'));
alter table payout_ledger add column journal_entry_id bigint;
