package cn.beijing.carboninclusion.reduction.activity;

import java.util.List;

/** A payout ledger refused as a whole (nothing stored): the errors by line, answered 400 like an activity file. */
class PayoutLedgerRejected extends ActivityUploadRejected {
  PayoutLedgerRejected(List<RowError> errors, boolean moreThanListed) {
    super(errors, moreThanListed);
  }
}
