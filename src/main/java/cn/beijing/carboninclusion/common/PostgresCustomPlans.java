package cn.beijing.carboninclusion.common;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL every connection of the platform's pool plans each statement with its parameters' values
 * ({@code plan_cache_mode = force_custom_plan}; docs/operations.md, "Indexes on the engine's tables").
 *
 * <p>The JDBC driver turns a statement into a server-side prepared statement after its fifth use, and PostgreSQL may
 * then switch to a generic plan made without the parameters' values. The engine's authorization check passes the
 * permission as a parameter ({@code perms_ & ? = ?}); a generic plan cannot use the statistics on those expressions
 * (V55 of {@code db/engine/postgresql}) and falls back to the plan that compares every task with every authorization:
 * at 100,000 tasks a Tasklist filter's count went from 1.3 s to minutes after five answers. Planning each execution
 * costs well under a millisecond for the engine's statements. A pool whose {@code connection-init-sql} is set keeps
 * its own.
 */
@Component
class PostgresCustomPlans implements BeanPostProcessor {
  static final String INIT_SQL = "set plan_cache_mode = force_custom_plan";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null
        && pool.getJdbcUrl().startsWith("jdbc:postgresql:") && pool.getConnectionInitSql() == null) {
      pool.setConnectionInitSql(INIT_SQL);
    }
    return bean;
  }
}
