package cn.beijing.carboninclusion.crypto;

import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Brings every personal column (every entity field converted by {@link PersonalText}, found in the JPA mapping, so a
 * new one is never forgotten) under the current field key: clear text written before encryption is encrypted, a
 * ciphertext of an older key id is decrypted with that key and encrypted again under the current one. Runs at every
 * start and is idempotent; each row is updated only if it still holds the value read (two nodes starting at once
 * write each row once). After a rotation (a new {@code current} id, docs/crypto.md) the old key stays on the ring
 * until this has run; a row no key of the ring opens is counted and logged, never overwritten.
 */
@Component
public class FieldKeyRotation {
  private static final Logger log = LoggerFactory.getLogger(FieldKeyRotation.class);
  private static final int BATCH = 500;

  /** A personal column and the primary key column of its table. */
  public record PersonalColumn(String table, String idColumn, String column) {}

  /** What a run did: rows encrypted from clear text, rows re-encrypted from an old key, rows no key opens. */
  public record Result(int encrypted, int reencrypted, int unreadable) {}

  private final EntityManagerFactory entityManagerFactory;
  private final JdbcTemplate jdbc;
  private final Sm4Gcm sm4;

  FieldKeyRotation(EntityManagerFactory entityManagerFactory, DataSource dataSource, Sm4Gcm sm4) {
    this.entityManagerFactory = entityManagerFactory;
    this.jdbc = new JdbcTemplate(dataSource);
    this.sm4 = sm4;
  }

  @EventListener(ApplicationReadyEvent.class)
  void atStart() {
    Result result = rotate();
    if (result.encrypted() + result.reencrypted() > 0) {
      log.info("Personal fields brought under field key {}: {} encrypted from clear text, {} re-encrypted",
          sm4.keys().currentId(), result.encrypted(), result.reencrypted());
    }
    if (result.unreadable() > 0) {
      log.error("{} personal field values are encrypted under a key the ring does not hold "
          + "(carbon-inclusion.crypto.field-keys.keys): they stay as they are", result.unreadable());
    }
  }

  /** Brings every personal column under the current key of the platform's ring. */
  public Result rotate() {
    return rotate(sm4);
  }

  /** Brings every personal column under the current key of {@code ring} (which must hold the older keys too). */
  public Result rotate(Sm4Gcm ring) {
    int encrypted = 0;
    int reencrypted = 0;
    int unreadable = 0;
    for (PersonalColumn c : columns()) {
      Object after = null;
      while (true) {
        record Row(Object id, String value) {}
        List<Row> rows = after == null
            ? jdbc.query("select " + c.idColumn() + ", " + c.column() + " from " + c.table() + " where " + c.column()
                + " is not null order by " + c.idColumn() + " fetch first " + BATCH + " rows only",
                (rs, n) -> new Row(rs.getObject(1), rs.getString(2)))
            : jdbc.query("select " + c.idColumn() + ", " + c.column() + " from " + c.table() + " where " + c.column()
                + " is not null and " + c.idColumn() + " > ? order by " + c.idColumn() + " fetch first " + BATCH
                + " rows only", (rs, n) -> new Row(rs.getObject(1), rs.getString(2)), after);
        for (Row row : rows) {
          String value = row.value();
          boolean clear = !Sm4Gcm.isEncryptedText(value);
          String plain;
          try {
            if (!clear && Sm4Gcm.keyIdOfText(value).orElseThrow().equals(ring.keys().currentId())) {
              continue;
            }
            plain = clear ? value : ring.decryptText(value);
          } catch (Sm4Gcm.CiphertextRejected e) {
            unreadable++;
            continue;
          }
          int updated = jdbc.update("update " + c.table() + " set " + c.column() + " = ? where " + c.idColumn()
              + " = ? and " + c.column() + " = ?", ring.encryptText(plain), row.id(), value);
          if (updated == 1) {
            if (clear) {
              encrypted++;
            } else {
              reencrypted++;
            }
          }
        }
        if (rows.size() < BATCH) {
          break;
        }
        after = rows.get(rows.size() - 1).id();
      }
    }
    return new Result(encrypted, reencrypted, unreadable);
  }

  /** Every column an entity maps through {@link PersonalText}. */
  public List<PersonalColumn> columns() {
    List<PersonalColumn> columns = new ArrayList<>();
    entityManagerFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
        .forEachEntityDescriptor(entity -> {
          if (!(entity.getIdentifierMapping() instanceof SelectableMapping id)) {
            return;
          }
          entity.forEachAttributeMapping(attribute -> {
            if (attribute instanceof BasicValuedModelPart basic
                && basic.getJdbcMapping().getValueConverter() instanceof JpaAttributeConverter<?, ?> converter
                && converter.getConverterJavaType().getJavaTypeClass() == PersonalText.class) {
              columns.add(new PersonalColumn(basic.getContainingTableExpression(), id.getSelectionExpression(),
                  basic.getSelectionExpression()));
            }
          });
        });
    columns.sort(java.util.Comparator.comparing(PersonalColumn::table).thenComparing(PersonalColumn::column));
    return columns;
  }
}
