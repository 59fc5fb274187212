package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One activity upload on one connection, inside the caller's transaction, in a single pass over the stream: every
 * line is validated, its trip id staged in the database and the record handed to the formula a chunk at a time.
 * Then all staged trip ids are claimed in one statement; if fewer could be claimed than were staged (repeated in the
 * file, or claimed by another application, also by a concurrent upload: the primary key decides), set-based queries
 * name the lines. Any error throws {@link ActivityUploadRejected}, and the caller's transaction rolls everything back.
 */
final class ActivityIntake {
  private static final Logger log = LoggerFactory.getLogger(ActivityIntake.class);
  /** Scale of the recorded reduction (tCO2e); the exact sum is rounded down to it, never up (conservativeness). */
  static final int REDUCTION_SCALE = 6;

  private final ActivityDataSettings settings;
  private final Clock clock;

  ActivityIntake(ActivityDataSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  UploadResult upload(Connection connection, Long applicationId, Long projectId, ReductionFormula formula,
      Pseudonyms.Of pseudonyms, InputStream csv) throws SQLException, IOException {
    long start = System.nanoTime();
    MessageDigest sha256 = sha256();
    ActivityLedger ledger = ActivityLedger.on(connection);
    FormulaSum sum = new FormulaSum(formula, settings.formulaChunkSize(), (record, pseudonym, reduction) -> {
      try {
        ledger.stage(record.line(), record.tripId(), pseudonym, reduction);
      } catch (SQLException e) {
        throw new StagingFailed(e);
      }
    });
    Errors errors = new Errors();
    ledger.openStaging();
    long rows;
    boolean staged = false;
    try {
      rows = new ActivityCsv(modesOf(formula), settings.maxDistanceKm())
          .read(ActivityCsv.utf8(new DigestInputStream(csv, sha256)), new ActivityCsv.Sink() {
            @Override
            public void accept(ActivityRecord record) {
              String pseudonym = pseudonyms.of(record.participantId());
              if (errors.none()) {
                sum.add(record, pseudonym);  // staged with its reduction when its chunk is computed
              } else {
                // no use computing a file that is rejected: its trips are staged only for the checks of the trip ids
                try {
                  ledger.stage(record.line(), record.tripId(), pseudonym, BigDecimal.ZERO);
                } catch (SQLException e) {
                  throw new StagingFailed(e);
                }
              }
            }

            @Override
            public void reject(RowError error) {
              if (errors.none()) {
                sum.abandon();
              }
              errors.add(error);
            }
          });
      if (errors.none()) {
        sum.total();  // the last chunk
      } else {
        sum.abandon();
      }
      ledger.closeStaging();
      staged = true;
    } catch (StagingFailed e) {
      throw e.getCause();
    } finally {
      if (!staged) {
        ledger.abandon();
      }
    }
    if (rows == 0 && errors.none()) {
      errors.add(new RowError(1, "file", "文件中没有活动记录 (no activity records in the file)"));
    }
    if (!errors.none()) {
      throw rejection(errors, ledger, applicationId);
    }

    BigDecimal reduction = sum.total().setScale(REDUCTION_SCALE, RoundingMode.DOWN);
    long read = System.nanoTime();
    UploadResult result = new UploadResult(applicationId, rows, reduction, HexFormat.of().formatHex(sha256.digest()),
        Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
    ledger.release(applicationId);  // a new upload replaces the application's earlier one
    try {
      ledger.recordUpload(result, projectId);
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw concurrentUpload(applicationId);
      }
      throw e;
    }
    long claimed = ledger.claimStaged(applicationId, projectId);
    if (claimed != rows) {
      // not every id could be claimed: repeated in the file, or claimed by another application (perhaps just now)
      ActivityUploadRejected rejected = rejection(errors, ledger, applicationId);
      if (rejected.errors().isEmpty()) {
        throw concurrentUpload(applicationId);
      }
      throw rejected;
    }
    long participants = ledger.creditParticipants(applicationId, projectId, reduction);
    log.info("activity upload of reduction application {}: {} records read, validated, staged and computed in {} ms, "
        + "claimed and credited to {} participants in {} ms", applicationId, rows, (read - start) / 1_000_000, participants,
        (System.nanoTime() - read) / 1_000_000);
    return result;
  }

  Optional<UploadResult> find(Connection connection, Long applicationId) throws SQLException {
    return ActivityLedger.on(connection).find(applicationId);
  }

  long release(Connection connection, Long applicationId) throws SQLException {
    return ActivityLedger.on(connection).release(applicationId);
  }

  /**
   * The travel modes a record may name: the keys of the formula's (first) table parameter, e.g. {@code EF_mode};
   * {@code null} (any mode) when the formula has no table.
   */
  static Set<String> modesOf(ReductionFormula formula) {
    return formula.parameters().stream()
        .filter(p -> p.value() instanceof Map<?, ?>)
        .findFirst()
        .map(p -> Set.copyOf(((Map<?, ?>) p.value()).keySet().stream().map(String::valueOf).toList()))
        .orElse(null);
  }

  private static ActivityUploadRejected rejection(Errors errors, ActivityLedger ledger, Long applicationId)
      throws SQLException {
    List<RowError> all = new ArrayList<>(errors.first);
    List<RowError> repeated = ledger.duplicatesInFile(ActivityUploadRejected.MAX_REPORTED);
    List<RowError> claimedElsewhere = ledger.claimedElsewhere(applicationId, ActivityUploadRejected.MAX_REPORTED);
    all.addAll(repeated);
    all.addAll(claimedElsewhere);
    boolean more = errors.count > errors.first.size() || repeated.size() == ActivityUploadRejected.MAX_REPORTED
        || claimedElsewhere.size() == ActivityUploadRejected.MAX_REPORTED;
    return new ActivityUploadRejected(all, more);
  }

  private static ConflictException concurrentUpload(Long applicationId) {
    return new ConflictException("该减排量申请的活动数据正在由另一请求上传，请稍后查看结果 "
        + "(activity data of reduction application " + applicationId + " is being uploaded by another request)");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first errors by line (as many as are reported) and how many there were. */
  private static final class Errors {
    final List<RowError> first = new ArrayList<>();
    long count;

    void add(RowError error) {
      if (first.size() < ActivityUploadRejected.MAX_REPORTED) {
        first.add(error);
      }
      count++;
    }

    boolean none() {
      return count == 0;
    }
  }

  /** Carries a staging failure out of the reader's callback. */
  private static final class StagingFailed extends RuntimeException {
    StagingFailed(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
