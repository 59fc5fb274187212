package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.reduction.ParticipantFigures;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link ParticipantFigures} from the payout ledger, set-based (aggregates computed in the database). */
@Component
class PublicParticipantFigures implements ParticipantFigures {
  private final DataSource dataSource;
  private final PayoutLedgers ledgers;

  PublicParticipantFigures(DataSource dataSource, PayoutLedgers ledgers) {
    this.dataSource = dataSource;
    this.ledgers = ledgers;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Figures> figures(Long applicationId) {
    return ledgers.ledgerOf(applicationId).map(l -> {
      Connection connection = DataSourceUtils.getConnection(dataSource);
      try {
        long credited;
        BigDecimal creditedTco2e;
        try (PreparedStatement s = connection.prepareStatement("select count(*), coalesce(sum(credited_tco2e), 0) "
            + "from participant_share where application_id = ?")) {
          s.setLong(1, applicationId);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            credited = rs.getLong(1);
            creditedTco2e = rs.getBigDecimal(2);
          }
        }
        long paid;
        try (PreparedStatement s = connection.prepareStatement(
            "select count(*) from payout where application_id = ?")) {
          s.setLong(1, applicationId);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            paid = rs.getLong(1);
          }
        }
        List<BigDecimal> deciles = paid < MIN_FOR_DECILES ? List.of() : deciles(connection, applicationId, paid);
        return new Figures(l.projectId(), applicationId, credited, creditedTco2e, paid, l.returnedYuan(),
            l.proceedsYuan(), l.operatingCosts(), l.ratio(), l.minimumRatio(), l.belowMinimum(), deciles, l.leaves(),
            l.merkleRoot());
      } catch (SQLException e) {
        throw new UncategorizedSQLException("participant figures", null, e);
      } finally {
        DataSourceUtils.releaseConnection(connection, dataSource);
      }
    });
  }

  /** The 10th … 90th percentiles (discrete: an amount that was paid), in one query on PostgreSQL. */
  private static List<BigDecimal> deciles(Connection connection, Long applicationId, long paid) throws SQLException {
    List<BigDecimal> deciles = new ArrayList<>();
    if (connection.isWrapperFor(PGConnection.class)) {
      try (PreparedStatement s = connection.prepareStatement("""
          select percentile_disc(array[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]) within group (order by amount_yuan)
          from payout where application_id = ?""")) {
        s.setLong(1, applicationId);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          Array array = rs.getArray(1);
          for (Object value : (Object[]) array.getArray()) {
            deciles.add((BigDecimal) value);
          }
        }
      }
      return deciles;
    }
    for (int k = 1; k <= 9; k++) {
      long offset = Math.max(0, (k * paid + 9) / 10 - 1);
      try (PreparedStatement s = connection.prepareStatement("select amount_yuan from payout where application_id = ? "
          + "order by amount_yuan offset ? rows fetch first 1 rows only")) {
        s.setLong(1, applicationId);
        s.setLong(2, offset);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          deciles.add(rs.getBigDecimal(1));
        }
      }
    }
    return deciles;
  }

  @Override
  public boolean verify(String root, String pseudonym, BigDecimal creditedTco2e, BigDecimal paidYuan, long index,
      long treeSize, List<String> path) {
    byte[] rootBytes = hash("root", root);
    if (pseudonym == null || !pseudonym.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("pseudonym");
    }
    if (creditedTco2e == null || creditedTco2e.stripTrailingZeros().scale() > 6
        || creditedTco2e.abs().compareTo(new BigDecimal("9000000000000")) > 0) {
      throw new IllegalArgumentException("creditedTco2e");
    }
    if (paidYuan == null || paidYuan.stripTrailingZeros().scale() > 2
        || paidYuan.abs().compareTo(new BigDecimal("90000000000000000")) > 0) {
      throw new IllegalArgumentException("paidYuan");
    }
    if (treeSize < 1 || index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("index");
    }
    if (path.size() > 64) {
      throw new IllegalArgumentException("path");
    }
    List<byte[]> hashes = new ArrayList<>();
    for (String h : path) {
      hashes.add(hash("path", h));
    }
    return MerkleTree.verify(MerkleTree.leafHash(pseudonym, creditedTco2e, paidYuan), index, treeSize, hashes,
        rootBytes);
  }

  private static byte[] hash(String field, String hex) {
    if (hex == null || !hex.strip().matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(field);
    }
    return HexFormat.of().parseHex(hex.strip().toLowerCase());
  }
}
