package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.methodology.FormulaException;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The methodology's formula over a stream of records, a chunk at a time: one evaluation per chunk gives each record's
 * own reduction ({@link ReductionFormula#computeEach}), handed with the record to {@link Each} (which stages it under
 * its participant's pseudonym), and the total is their exact sum. Holds one chunk. Correct for formulas additive over
 * records ({@code f(A ∪ B) = f(A) + f(B)}: a sum over the records, as every shipped activity formula is);
 * docs/activity-data.md, docs/participants.md.
 */
final class FormulaSum {
  /** Receives each record with its reduction, a chunk at a time, in file order. */
  @FunctionalInterface
  interface Each {
    void accept(ActivityRecord record, String pseudonym, BigDecimal reduction);
  }

  private final ReductionFormula formula;
  private final int chunkSize;
  private final Each each;
  private List<ActivityRecord> records;
  private List<String> pseudonyms;
  private List<Map<String, Object>> chunk;
  private BigDecimal total = BigDecimal.ZERO;

  FormulaSum(ReductionFormula formula, int chunkSize, Each each) {
    this.formula = formula;
    this.chunkSize = chunkSize;
    this.each = each;
    clear();
  }

  void add(ActivityRecord record, String pseudonym) {
    records.add(record);
    pseudonyms.add(pseudonym);
    chunk.add(record.asFormulaInput());
    if (chunk.size() == chunkSize) {
      evaluate();
    }
  }

  /** The sum over every record added (exact: the records' results are added without rounding). */
  BigDecimal total() {
    evaluate();
    return total;
  }

  /** Hands the records not yet computed to {@link Each} with a reduction of zero (the file is refused anyway). */
  void abandon() {
    for (int i = 0; i < records.size(); i++) {
      each.accept(records.get(i), pseudonyms.get(i), BigDecimal.ZERO);
    }
    clear();
  }

  private void evaluate() {
    if (chunk.isEmpty()) {
      return;
    }
    long firstLine = records.get(0).line();
    long lastLine = records.get(records.size() - 1).line();
    List<BigDecimal> values;
    try {
      values = formula.computeEach(chunk);
    } catch (FormulaException e) {
      throw new ActivityUploadRejected(new RowError(firstLine, "row", "方法学公式无法计算第 " + firstLine + "–"
          + lastLine + " 行的记录 (the methodology's formula fails on lines " + firstLine + "–" + lastLine + "): "
          + e.getMessage()));
    }
    for (int i = 0; i < values.size(); i++) {
      total = total.add(values.get(i));
      each.accept(records.get(i), pseudonyms.get(i), values.get(i));
    }
    clear();
  }

  private void clear() {
    records = new ArrayList<>(chunkSize);
    pseudonyms = new ArrayList<>(chunkSize);
    chunk = new ArrayList<>(chunkSize);
  }
}
