package cn.beijing.carboninclusion.common;

import org.springframework.boot.autoconfigure.orm.jpa.EntityManagerFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The JPA bootstrap — Hibernate's metamodel, its entity proxies and the validation of the schema, 2–3 s of a start —
 * runs on a thread of its own while the main thread goes on with the beans that do not need it, above all the process
 * engine's configuration (docs/benchmarks.md, "Start-up on H2"). Whoever first uses the EntityManagerFactory waits for
 * it (the engine, whose transactions are JPA's, at its schema check), and a failed bootstrap fails the start as before.
 *
 * <p>The thread is not a bean: a further task executor in the context would change which executor {@code @Async}
 * methods get.
 */
@Configuration(proxyBeanMethods = false)
class StartupBootstrap {
  @Bean
  EntityManagerFactoryBuilderCustomizer entityManagerFactoryInBackground() {
    SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("jpa-bootstrap-");
    executor.setDaemon(true);
    return builder -> builder.setBootstrapExecutor(executor);
  }
}
