package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.methodology.FormulaException;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The methodology's formula over a stream of records, a chunk at a time, the chunks' results summed. Holds one
 * chunk. Correct for formulas additive over records ({@code f(A ∪ B) = f(A) + f(B)}: a sum over the records, as
 * every shipped activity formula is); docs/activity-data.md.
 */
final class FormulaSum {
  private final ReductionFormula formula;
  private final int chunkSize;
  private List<Map<String, Object>> chunk;
  private long firstLine;
  private long lastLine;
  private BigDecimal total = BigDecimal.ZERO;

  FormulaSum(ReductionFormula formula, int chunkSize) {
    this.formula = formula;
    this.chunkSize = chunkSize;
    this.chunk = new ArrayList<>(chunkSize);
  }

  void add(ActivityRecord record) {
    if (chunk.isEmpty()) {
      firstLine = record.line();
    }
    chunk.add(record.asFormulaInput());
    lastLine = record.line();
    if (chunk.size() == chunkSize) {
      evaluate();
    }
  }

  /** The sum over every record added (exact: the chunks' results are added without rounding). */
  BigDecimal total() {
    evaluate();
    return total;
  }

  private void evaluate() {
    if (chunk.isEmpty()) {
      return;
    }
    try {
      total = total.add(formula.compute(chunk));
    } catch (FormulaException e) {
      throw new ActivityUploadRejected(new RowError(firstLine, "row", "方法学公式无法计算第 " + firstLine + "–"
          + lastLine + " 行的记录 (the methodology's formula fails on lines " + firstLine + "–" + lastLine + "): "
          + e.getMessage()));
    }
    chunk = new ArrayList<>(chunkSize);
  }
}
