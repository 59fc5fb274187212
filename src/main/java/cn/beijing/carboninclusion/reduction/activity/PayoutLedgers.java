package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.PayoutShortfall;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.registry.ParticipantRoots;
import cn.beijing.carboninclusion.registry.RegistryViews.JournalRef;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnRatio;
import cn.beijing.carboninclusion.registry.RevenueReturnMonitor;
import cn.beijing.carboninclusion.registry.RevenueReturnService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 发放台账: the developer's payouts to the participants it credited in a reduction application, streamed into a staging
 * table and reconciled set-based (an uncredited participant, a participant paid twice: refused naming the line); the
 * verified return ratio {@code returned ÷ (registry proceeds − operating costs)} against {@code revenueReturnMin}
 * (below it, {@link PayoutShortfall} orders rectification); the participants' Merkle root. One ledger per application.
 * docs/participants.md.
 */
@Service
class PayoutLedgers {
  static final String CASE_TYPE = ActivityUploads.CASE_TYPE;
  private static final int BATCH = 1000;

  private final DataSource dataSource;
  private final EntityManager entityManager;
  private final Projects projects;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final Pseudonyms pseudonyms;
  private final RevenueReturnMonitor revenue;
  private final SchemeRuleBook rules;
  private final AuditTrail auditTrail;
  private final ApplicationEventPublisher events;
  private final ParticipantRoots roots;
  private final RevenueReturnService revenueReturns;
  private final CalendarProperties calendar;
  private final Clock clock;

  PayoutLedgers(DataSource dataSource, EntityManager entityManager, Projects projects, DeveloperService developers,
      CurrentUser currentUser, Pseudonyms pseudonyms, RevenueReturnMonitor revenue, SchemeRuleBook rules,
      AuditTrail auditTrail, ApplicationEventPublisher events, ParticipantRoots roots,
      RevenueReturnService revenueReturns, CalendarProperties calendar, Clock clock) {
    this.dataSource = dataSource;
    this.entityManager = entityManager;
    this.projects = projects;
    this.developers = developers;
    this.currentUser = currentUser;
    this.pseudonyms = pseudonyms;
    this.revenue = revenue;
    this.rules = rules;
    this.auditTrail = auditTrail;
    this.events = events;
    this.roots = roots;
    this.revenueReturns = revenueReturns;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** The recorded ledger of an application. */
  record Ledger(Long applicationId, Long projectId, long rows, BigDecimal returnedYuan, BigDecimal operatingCosts,
      BigDecimal proceedsYuan, BigDecimal ratio, BigDecimal minimumRatio, boolean belowMinimum, String sha256,
      Instant uploadedAt, long leaves, String merkleRoot) {}

  /** A participant's leaf and its audit path (RFC 9162), hex. */
  record Proof(Long projectId, Long applicationId, String pseudonym, BigDecimal creditedTco2e, BigDecimal paidYuan,
      String leafHash, long index, long treeSize, List<String> path, String root) {}

  /** The developer's upload: its own application (else 404), credited participants, no ledger yet (else 409). */
  @Transactional
  public Ledger uploadAsDeveloper(Long applicationId, BigDecimal operatingCosts, InputStream csv) {
    Long organisationId = developers.currentOrganisation().getId();
    ReductionApplication application = entityManager.find(ReductionApplication.class, applicationId,
        LockModeType.PESSIMISTIC_WRITE);
    Project project = application == null ? null : projects.findById(application.getProjectId()).orElse(null);
    if (project == null || !project.getDeveloperId().equals(organisationId)) {
      throw new NotFoundException("reduction application", applicationId);
    }
    return upload(application, project, operatingCosts, csv);
  }

  /** Reconciles and records the ledger of an application (the caller has checked who may). */
  @Transactional
  public Ledger upload(ReductionApplication application, Project project, BigDecimal operatingCosts,
      InputStream csv) {
    Long applicationId = application.getId();
    BigDecimal costs = operatingCosts == null ? BigDecimal.ZERO : operatingCosts;
    if (costs.signum() < 0 || costs.stripTrailingZeros().scale() > 2 || costs.compareTo(PayoutCsv.MAX_AMOUNT) > 0) {
      throw new InvalidInputException("operatingCosts", "运营成本须为不小于零、至多两位小数的金额 (operating costs: "
          + "a non-negative amount in yuan, at most 2 decimals)");
    }
    return onConnection(connection -> {
      if (find(connection, applicationId).isPresent()) {
        throw new ConflictException("该减排量申请已有发放台账，不能重复上传 (reduction application " + applicationId
            + " already has a payout ledger)");
      }
      long credited = count(connection, "select count(*) from participant_share where application_id = ?",
          applicationId);
      if (credited == 0) {
        throw new ConflictException("该减排量申请尚无核算到参与者的减排量，请先上传活动数据 (no participant is credited "
            + "in reduction application " + applicationId + ": upload its activity data first)");
      }
      MessageDigest sha256 = MerkleTree.sha256();
      List<RowError> errors = new ArrayList<>();
      long[] errorCount = {0};
      long rows = stage(connection, project.getId(), new DigestInputStream(csv, sha256), errors, errorCount);
      List<RowError> unreconciled = reconcile(connection, applicationId);
      errors.addAll(unreconciled);
      if (!errors.isEmpty()) {
        throw new PayoutLedgerRejected(errors, errorCount[0] > ActivityUploadRejected.MAX_REPORTED
            || unreconciled.size() >= ActivityUploadRejected.MAX_REPORTED);
      }
      try (PreparedStatement insert = connection.prepareStatement("""
          insert into payout (application_id, pseudonym, line, amount_yuan, paid_on, channel)
          select ?, pseudonym, line, amount_yuan, paid_on, channel from payout_staging""")) {
        insert.setLong(1, applicationId);
        insert.executeLargeUpdate();
      }
      if (connection.isWrapperFor(PGConnection.class)) {
        try (Statement statement = connection.createStatement()) {
          // the planner's figures for the new payouts (its own rows count in this transaction): without them it
          // took the table for empty and sorted every payout of the application to join a chunk's 1,024 leaves
          statement.execute("analyze payout");
        }
      }
      BigDecimal returned = decimal(connection,
          "select coalesce(sum(amount_yuan), 0) from payout where application_id = ?", applicationId);
      BigDecimal proceeds = project.getRegistrationNo() == null ? BigDecimal.ZERO
          : revenue.recordedProceeds(project.getRegistrationNo(), application.getPeriodStart(),
              application.getPeriodEnd().plusDays(1));
      BigDecimal minimum = rules.share(SchemeRule.REVENUE_RETURN_MIN);
      RevenueReturnRatio rating = RevenueReturnMonitor.rate(project.getRegistrationNo(), project.getDeveloperId(),
          application.getPeriodStart().getYear(), 0, proceeds, costs, returned, minimum, false);
      MerkleTree.Builder tree = new MerkleTree.Builder();
      try (Chunks chunks = new Chunks(connection, applicationId)) {
        leaves(connection, applicationId, (pseudonym, creditedTco2e, paid) -> {
          byte[] leaf = MerkleTree.leafHash(pseudonym, creditedTco2e, paid);
          tree.add(leaf);
          chunks.add(pseudonym, leaf);
        });
      }
      Ledger ledger = new Ledger(applicationId, project.getId(), rows, returned, costs.setScale(2), proceeds,
          rating.ratio(), minimum, rating.belowMinimum(), HexFormat.of().formatHex(sha256.digest()),
          Instant.now(clock).truncatedTo(ChronoUnit.MICROS), tree.count(), HexFormat.of().formatHex(tree.root()));
      record(connection, ledger, auditTrail.currentActor());
      JournalRef journalled = roots.record(project.getId(), project.getRegistrationNo(), applicationId,
          ledger.merkleRoot(), ledger.leaves());
      try (PreparedStatement update = connection.prepareStatement(
          "update payout_ledger set journal_entry_id = ? where application_id = ?")) {
        update.setLong(1, journalled.entryId());
        update.setLong(2, applicationId);
        update.executeUpdate();
      }
      auditTrail.record(CASE_TYPE, applicationId, "PAYOUT_LEDGER_RECORDED", null, null, "发放台账 " + rows
          + " 条，返还 " + returned.toPlainString() + " 元，登记簿成交收益 " + proceeds.toPlainString() + " 元，运营成本 "
          + costs.toPlainString() + " 元，返还比例 " + (rating.ratio() == null ? "—" : rating.ratio().toPlainString())
          + "；参与者默克尔根 " + ledger.merkleRoot() + "（登记簿日志第 " + journalled.entryId() + " 条）；文件 SHA-256 "
          + ledger.sha256());
      if (project.getRegistrationNo() != null) {
        // the verified figure replaces the self-reported ones of the project-year in the monitor (kept for history)
        revenueReturns.recordVerified(project.getRegistrationNo(), project.getDeveloperId(),
            application.getPeriodStart().getYear(), returned, costs.setScale(2), Math.toIntExact(count(connection,
                "select count(*) from payout where application_id = ?", applicationId)), applicationId);
      }
      if (rating.belowMinimum()) {
        events.publishEvent(new PayoutShortfall(project.getId(), applicationId, returned, proceeds, costs,
            rating.ratio(), minimum));
      }
      return ledger;
    });
  }

  /** The ledger of an application, if any. */
  @Transactional(readOnly = true)
  public Optional<Ledger> ledgerOf(Long applicationId) {
    return onConnection(connection -> find(connection, applicationId));
  }

  /**
   * The proof of a participant's share in an application of a project: read in one pass over the leaves in order
   * (the path's subtree hashes computed as the leaves stream by). Empty when there is no such leaf.
   */
  @Transactional(readOnly = true)
  public Optional<Proof> proof(Long projectId, Long applicationId, String pseudonym) {
    return onConnection(connection -> {
      Optional<Ledger> ledger = find(connection, applicationId).filter(l -> l.projectId().equals(projectId));
      if (ledger.isEmpty() || !pseudonym.matches("[0-9a-f]{64}")) {
        return Optional.empty();
      }
      long index;
      BigDecimal creditedTco2e;
      try (PreparedStatement statement = connection.prepareStatement(
          "select credited_tco2e from participant_share where application_id = ? and pseudonym = ?")) {
        statement.setLong(1, applicationId);
        statement.setString(2, pseudonym);
        try (ResultSet rs = statement.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          creditedTco2e = rs.getBigDecimal(1);
        }
      }
      BigDecimal paid = decimal(connection, "select coalesce(max(amount_yuan), 0) from payout where application_id = ?"
          + " and pseudonym = ?", applicationId, pseudonym);
      long size = ledger.get().leaves();
      Optional<ChunkedPath> chunked = chunkedPath(connection, applicationId, pseudonym, size);
      if (chunked.isPresent()) {
        return Optional.of(new Proof(projectId, applicationId, pseudonym, creditedTco2e, paid,
            HexFormat.of().formatHex(MerkleTree.leafHash(pseudonym, creditedTco2e, paid)), chunked.get().index(),
            size, chunked.get().path(), ledger.get().merkleRoot()));
      }
      // a ledger recorded before the chunks were kept: one pass over every leaf
      index = count(connection, "select count(*) from participant_share where application_id = ? and pseudonym"
          + collate(connection) + " < ?", applicationId, pseudonym);
      List<long[]> ranges = MerkleTree.pathRanges(index, size);
      List<String> path = new ArrayList<>();
      // the ranges are disjoint; one builder per range, fed as the leaves pass
      List<MerkleTree.Builder> builders = new ArrayList<>();
      ranges.forEach(r -> builders.add(new MerkleTree.Builder()));
      long[] position = {0};
      leaves(connection, applicationId, (p, c, a) -> {
        long i = position[0]++;
        for (int r = 0; r < ranges.size(); r++) {
          if (i >= ranges.get(r)[0] && i < ranges.get(r)[1]) {
            builders.get(r).add(MerkleTree.leafHash(p, c, a));
          }
        }
      });
      builders.forEach(b -> path.add(HexFormat.of().formatHex(b.root())));
      return Optional.of(new Proof(projectId, applicationId, pseudonym, creditedTco2e, paid,
          HexFormat.of().formatHex(MerkleTree.leafHash(pseudonym, creditedTco2e, paid)), index, size, path,
          ledger.get().merkleRoot()));
    });
  }

  /** Whether the caller may read the proofs of the project: its developer, or an authority. */
  boolean mayReadProofs(Project project) {
    return currentUser.isAuthority()
        || project.getDeveloperId().equals(developers.currentOrganisation().getId());
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(calendar.zone()));
  }

  /** Reads and stages the valid lines; collects the first errors of the others (and counts them all). */
  private long stage(Connection connection, Long projectId, InputStream csv, List<RowError> errors,
      long[] errorCount) throws SQLException, IOException {
    boolean postgres = connection.isWrapperFor(PGConnection.class);
    try (Statement statement = connection.createStatement()) {
      statement.execute("create " + (postgres ? "" : "local ") + "temporary table payout_staging (line bigint not null,"
          + " pseudonym varchar(64)" + (postgres ? " collate \"C\"" : "") + " not null, amount_yuan numeric(18, 2)"
          + " not null, paid_on date not null,"
          + " channel varchar(50) not null) on commit drop" + (postgres ? "" : " transactional"));
    }
    Pseudonyms.Of pseudonymsOfProject = pseudonyms.of(projectId);
    long rows;
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into payout_staging (line, pseudonym, amount_yuan, paid_on, channel) values (?, ?, ?, ?, ?)")) {
      int[] pending = {0};
      rows = new PayoutCsv(today()).read(ActivityCsv.utf8(csv), new PayoutCsv.Sink() {
        @Override
        public void accept(PayoutCsv.Payout payout) {
          try {
            insert.setLong(1, payout.line());
            insert.setString(2, pseudonymsOfProject.of(payout.participantId()));
            insert.setBigDecimal(3, payout.amountYuan());
            insert.setDate(4, Date.valueOf(payout.date()));
            insert.setString(5, payout.channel());
            insert.addBatch();
            if (++pending[0] == BATCH) {
              insert.executeBatch();
              pending[0] = 0;
            }
          } catch (SQLException e) {
            throw new UncategorizedSQLException("payout ledger", null, e);
          }
        }

        @Override
        public void reject(RowError error) {
          if (errors.size() < ActivityUploadRejected.MAX_REPORTED) {
            errors.add(error);
          }
          errorCount[0]++;
        }
      });
      if (pending[0] > 0) {
        insert.executeBatch();
      }
    }
    if (rows == 0 && errorCount[0] == 0) {
      errors.add(new RowError(1, "file", "文件中没有发放记录 (no payouts in the file)"));
      errorCount[0]++;
    }
    try (Statement statement = connection.createStatement()) {
      if (postgres) {
        statement.execute("analyze payout_staging");
      }
    }
    return rows;
  }

  /** Set-based: a participant paid on an earlier line too; a participant not credited in the application. */
  private static List<RowError> reconcile(Connection connection, Long applicationId) throws SQLException {
    List<RowError> errors = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
        select s.line, d.first_line from payout_staging s
        join (select pseudonym, min(line) as first_line from payout_staging group by pseudonym having count(*) > 1) d
          on d.pseudonym = s.pseudonym
        where s.line > d.first_line order by s.line fetch first %d rows only"""
        .formatted(ActivityUploadRejected.MAX_REPORTED))) {
      while (rs.next()) {
        errors.add(new RowError(rs.getLong(1), PayoutCsv.PARTICIPANT_ID, "该参与者已在第 " + rs.getLong(2)
            + " 行发放 (participant already paid on line " + rs.getLong(2) + ")"));
      }
    }
    try (PreparedStatement statement = connection.prepareStatement("""
        select s.line from payout_staging s
        where not exists (select 1 from participant_share c where c.application_id = ? and c.pseudonym = s.pseudonym)
        order by s.line fetch first %d rows only""".formatted(ActivityUploadRejected.MAX_REPORTED))) {
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          errors.add(new RowError(rs.getLong(1), PayoutCsv.PARTICIPANT_ID, "该参与者在本减排量申请中没有核算减排量 "
              + "(participant not credited in this reduction application)"));
        }
      }
    }
    return errors;
  }

  /** Leaves per chunk of the stored tree: a power of two, so every chunk is an aligned subtree (RFC 9162 §2.1.1). */
  static final int CHUNK = 1024;

  /** Writes the hash of each aligned chunk of {@link #CHUNK} leaves as the leaves pass, in batches. */
  private static final class Chunks implements AutoCloseable {
    private final PreparedStatement insert;
    private final Long applicationId;
    private MerkleTree.Builder current;
    private String first;
    private int number;
    private int batched;

    Chunks(Connection connection, Long applicationId) throws SQLException {
      this.applicationId = applicationId;
      try (PreparedStatement delete = connection.prepareStatement(
          "delete from participant_chunk where application_id = ?")) {
        delete.setLong(1, applicationId);
        delete.executeUpdate();
      }
      this.insert = connection.prepareStatement("""
          insert into participant_chunk (application_id, chunk_no, first_pseudonym, leaves, hash)
          values (?, ?, ?, ?, ?)""");
    }

    void add(String pseudonym, byte[] leaf) {
      if (current == null) {
        current = new MerkleTree.Builder();
        first = pseudonym;
      }
      current.add(leaf);
      if (current.count() == CHUNK) {
        flushChunk();
      }
    }

    private void flushChunk() {
      try {
        insert.setLong(1, applicationId);
        insert.setInt(2, number++);
        insert.setString(3, first);
        insert.setInt(4, (int) current.count());
        insert.setString(5, HexFormat.of().formatHex(current.root()));
        insert.addBatch();
        if (++batched == 500) {
          insert.executeBatch();
          batched = 0;
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      current = null;
    }

    @Override
    public void close() throws SQLException {
      try {
        if (current != null) {
          flushChunk();
        }
        if (batched > 0) {
          insert.executeBatch();
        }
      } finally {
        insert.close();
      }
    }
  }

  record ChunkedPath(long index, List<String> path) {}

  /**
   * The leaf's index and audit path from the stored chunks: the leaf's own chunk of at most {@link #CHUNK} leaves,
   * and the chunk hashes, which every path range beyond that chunk is made of (such a range is an aligned subtree of
   * whole chunks, the last one possibly partial at the right edge, so the tree over chunk hashes is the tree over their
   * leaves). Empty when the ledger has no stored chunks.
   */
  private static Optional<ChunkedPath> chunkedPath(Connection connection, Long applicationId, String pseudonym,
      long size) throws SQLException {
    int chunkNo;
    String first;
    int chunkLeaves;
    try (PreparedStatement statement = connection.prepareStatement("""
        select chunk_no, first_pseudonym, leaves from participant_chunk where application_id = ?
          and first_pseudonym""" + collate(connection) + " <= ? order by first_pseudonym" + collate(connection)
        + " desc fetch first 1 rows only")) {
      statement.setLong(1, applicationId);
      statement.setString(2, pseudonym);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        chunkNo = rs.getInt(1);
        first = rs.getString(2);
        chunkLeaves = rs.getInt(3);
      }
    }
    // the chunk's shares, then the payouts of the same pseudonym range, both in byte order by their primary keys,
    // merged here: a join let the planner sort every payout of the application (docs/benchmarks.md)
    List<String> chunkPseudonyms = new ArrayList<>(chunkLeaves);
    List<BigDecimal> chunkCredited = new ArrayList<>(chunkLeaves);
    try (PreparedStatement statement = connection.prepareStatement("""
        select pseudonym, credited_tco2e from participant_share
        where application_id = ? and pseudonym""" + collate(connection) + " >= ? order by pseudonym"
        + collate(connection) + " fetch first " + chunkLeaves + " rows only")) {
      statement.setLong(1, applicationId);
      statement.setString(2, first);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          chunkPseudonyms.add(rs.getString(1));
          chunkCredited.add(rs.getBigDecimal(2));
        }
      }
    }
    if (chunkPseudonyms.isEmpty()) {
      return Optional.empty();
    }
    List<byte[]> chunkLeafHashes = new ArrayList<>(chunkLeaves);
    long offset = -1;
    try (PreparedStatement statement = connection.prepareStatement("""
        select pseudonym, amount_yuan from payout
        where application_id = ? and pseudonym""" + collate(connection) + " >= ? and pseudonym" + collate(connection)
        + " <= ? order by pseudonym" + collate(connection))) {
      statement.setLong(1, applicationId);
      statement.setString(2, chunkPseudonyms.get(0));
      statement.setString(3, chunkPseudonyms.get(chunkPseudonyms.size() - 1));
      try (ResultSet rs = statement.executeQuery()) {
        boolean more = rs.next();
        for (int i = 0; i < chunkPseudonyms.size(); i++) {
          String leaf = chunkPseudonyms.get(i);
          while (more && rs.getString(1).compareTo(leaf) < 0) {
            more = rs.next();  // cannot happen (every payout is of a credited participant); skipped to be safe
          }
          BigDecimal paid = BigDecimal.ZERO;
          if (more && rs.getString(1).equals(leaf)) {
            paid = rs.getBigDecimal(2);
            more = rs.next();
          }
          if (leaf.equals(pseudonym)) {
            offset = chunkLeafHashes.size();
          }
          chunkLeafHashes.add(MerkleTree.leafHash(leaf, chunkCredited.get(i), paid));
        }
      }
    }
    if (offset < 0) {
      return Optional.empty();
    }
    List<byte[]> chunkHashes = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(
        "select hash from participant_chunk where application_id = ? order by chunk_no")) {
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          chunkHashes.add(HexFormat.of().parseHex(rs.getString(1)));
        }
      }
    }
    long chunkStart = (long) chunkNo * CHUNK;
    long index = chunkStart + offset;
    List<String> path = new ArrayList<>();
    for (long[] range : MerkleTree.pathRanges(index, size)) {
      MerkleTree.Builder builder = new MerkleTree.Builder();
      if (range[0] >= chunkStart && range[1] <= chunkStart + chunkLeafHashes.size()) {
        for (long i = range[0]; i < range[1]; i++) {
          builder.add(chunkLeafHashes.get((int) (i - chunkStart)));
        }
      } else {
        for (long c = range[0] / CHUNK; c < (range[1] + CHUNK - 1) / CHUNK; c++) {
          builder.add(chunkHashes.get((int) c));
        }
      }
      path.add(HexFormat.of().formatHex(builder.root()));
    }
    return Optional.of(new ChunkedPath(index, path));
  }

  @FunctionalInterface
  interface LeafSink {
    void accept(String pseudonym, BigDecimal creditedTco2e, BigDecimal paidYuan);
  }

  /** Every leaf of the application in pseudonym (byte) order, streamed. */
  static void leaves(Connection connection, Long applicationId, LeafSink sink) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        select s.pseudonym, s.credited_tco2e, coalesce(p.amount_yuan, 0)
        from participant_share s left join payout p on p.application_id = s.application_id
          and p.pseudonym = s.pseudonym
        where s.application_id = ? order by s.pseudonym""" + collate(connection))) {
      statement.setFetchSize(10_000);
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          sink.accept(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3));
        }
      }
    }
  }

  private static String collate(Connection connection) throws SQLException {
    return connection.isWrapperFor(PGConnection.class) ? " collate \"C\"" : "";
  }

  private static void record(Connection connection, Ledger l, String actor) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        insert into payout_ledger (application_id, project_id, rows, returned_yuan, operating_costs, proceeds_yuan,
          ratio, minimum_ratio, below_minimum, sha256, uploaded_by, uploaded_at, leaves, merkle_root)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      statement.setLong(1, l.applicationId());
      statement.setLong(2, l.projectId());
      statement.setLong(3, l.rows());
      statement.setBigDecimal(4, l.returnedYuan());
      statement.setBigDecimal(5, l.operatingCosts());
      statement.setBigDecimal(6, l.proceedsYuan());
      statement.setBigDecimal(7, l.ratio());
      statement.setBigDecimal(8, l.minimumRatio());
      statement.setBoolean(9, l.belowMinimum());
      statement.setString(10, l.sha256());
      statement.setString(11, actor);
      statement.setTimestamp(12, Timestamp.from(l.uploadedAt()));
      statement.setLong(13, l.leaves());
      statement.setString(14, l.merkleRoot());
      statement.executeUpdate();
    }
  }

  private static Optional<Ledger> find(Connection connection, Long applicationId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("""
        select project_id, rows, returned_yuan, operating_costs, proceeds_yuan, ratio, minimum_ratio, below_minimum,
          sha256, uploaded_at, leaves, merkle_root from payout_ledger where application_id = ?""")) {
      statement.setLong(1, applicationId);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Ledger(applicationId, rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3),
            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBoolean(8),
            rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getLong(11), rs.getString(12)));
      }
    }
  }

  private static long count(Connection connection, String sql, Object... arguments) throws SQLException {
    return decimal(connection, sql, arguments).longValueExact();
  }

  private static BigDecimal decimal(Connection connection, String sql, Object... arguments) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < arguments.length; i++) {
        statement.setObject(i + 1, arguments[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    }
  }

  private <T> T onConnection(Work<T> work) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new UncategorizedSQLException("payout ledger", null, e);
    } catch (IOException e) {
      throw new UncheckedIOException("发放台账文件读取失败 (payout ledger file could not be read)", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T apply(Connection connection) throws SQLException, IOException;
  }
}
