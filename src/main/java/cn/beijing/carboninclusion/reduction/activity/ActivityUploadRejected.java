package cn.beijing.carboninclusion.reduction.activity;

import java.util.Comparator;
import java.util.List;

/**
 * An activity upload refused as a whole: nothing of it was recorded. Carries the first
 * {@value #MAX_REPORTED} errors by line; the API answers 400 with them.
 */
public class ActivityUploadRejected extends RuntimeException {
  public static final int MAX_REPORTED = 100;

  private final List<RowError> errors;
  private final boolean truncated;

  public ActivityUploadRejected(List<RowError> errors, boolean moreThanListed) {
    super("activity upload rejected: " + (errors.isEmpty() ? "no details" : errors.get(0)));
    List<RowError> sorted = errors.stream()
        .sorted(Comparator.comparingLong(RowError::line).thenComparing(RowError::field)).toList();
    this.errors = List.copyOf(sorted.subList(0, Math.min(MAX_REPORTED, sorted.size())));
    this.truncated = moreThanListed || sorted.size() > MAX_REPORTED;
  }

  public ActivityUploadRejected(RowError error) {
    this(List.of(error), false);
  }

  /** The first errors, by line (at most {@value #MAX_REPORTED}). */
  public List<RowError> errors() { return errors; }

  /** Whether the file has more errors than {@link #errors()} lists. */
  public boolean truncated() { return truncated; }
}
