package cn.beijing.carboninclusion.bench;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.metrics.StartupStep;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Where the platform's start-up goes ({@code PROFILE=1 bench/startup.sh}; docs/benchmarks.md, "Start-up on H2"). Not a
 * test: Surefire never runs it, and the script compiles it alone against the platform's runtime class path (the test
 * class path would add test jars and their auto-configurations).
 *
 * <p>Starts {@link CarbonInclusionApplication} as its {@code main} does, with three instruments:
 * <ul>
 *   <li>Spring's {@link BufferingApplicationStartup} (the data of the actuator's {@code startup} endpoint): every
 *       bean's instantiation with its own time, that is its time minus that of the beans created inside it;</li>
 *   <li>a process engine plugin that notes when the engine's configuration starts and ends its initialisation and
 *       when the engine is built (schema checked or created): the rest of the engine's bean is the deployment;</li>
 *   <li>a factory of the {@code @EventListener} adapters that times each call: the listeners of
 *       {@code ApplicationReadyEvent} (access model, demo seeder, …) run after the context is refreshed, before the
 *       URLs are printed.</li>
 * </ul>
 * Prints {@code profile phase: <seconds> s <phase>} lines (main thread, wall time; the phases add up to the time to
 * ready), {@code profile step:} lines of the single steps of at least {@code -Dstartup.profile.min-ms} (default 40) and
 * {@code profile listener:} lines, then exits.
 */
public final class StartupProfile {
  private static final long MIN_MILLIS = Long.getLong("startup.profile.min-ms", 40);

  /** Own time of the other beans by name: what each group of framework beans costs (first match wins). */
  private static final Map<String, Pattern> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("Spring Security (filter chains, method security, authentication)",
        Pattern.compile("(?i).*(security|authentication|authoriz|filterChain|passwordEncoder).*"));
    GROUPS.put("Camunda REST (Jersey) and webapps",
        Pattern.compile("(?i).*(jersey|camunda|engineRest|webapp|processEngine|LazyInit).*"));
    GROUPS.put("springdoc (OpenAPI)", Pattern.compile("(?i).*(springdoc|openapi|swagger).*"));
    GROUPS.put("Spring Modulith (event publication registry)",
        Pattern.compile("(?i).*(modulith|eventPublication|EventPublication|applicationModules).*"));
    GROUPS.put("actuator, Micrometer, Prometheus",
        Pattern.compile("(?i).*(actuat|endpoint|health|metric|prometheus|meter|observation).*"));
    GROUPS.put("Spring MVC, Jackson, Thymeleaf, validation",
        Pattern.compile("(?i).*(mvc|handler|jackson|objectMapper|thymeleaf|template|validator|conversion|"
            + "dispatcher|multipart|messageConverter|resource|viewResolver|webMvc).*"));
    GROUPS.put("transactions, JDBC, data source", Pattern.compile("(?i).*(transaction|jdbc|dataSource|hikari).*"));
  }

  private StartupProfile() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
    List<String[]> listenerTimes = new ArrayList<>();
    Map<String, Instant> engineMoments = new HashMap<>();
    SpringApplication app = new SpringApplication(CarbonInclusionApplication.class);
    app.setApplicationStartup(startup);
    app.addInitializers(context -> {
      context.getBeanFactory().registerSingleton("startupProfileListenerFactory",
          new TimingListenerFactory(listenerTimes));
      context.getBeanFactory().registerSingleton("startupProfileEnginePlugin", new EngineMoments(engineMoments));
    });
    ConfigurableApplicationContext context = app.run(args);
    long readyAt = System.currentTimeMillis();
    report(jvmStart, readyAt, startup.getBufferedTimeline().getEvents(), engineMoments, listenerTimes);
    context.close();
    System.exit(0);
  }

  private static void report(long jvmStart, long readyAt, List<StartupTimeline.TimelineEvent> events,
      Map<String, Instant> engine, List<String[]> listeners) {
    Map<Long, Long> childTime = new HashMap<>();
    for (StartupTimeline.TimelineEvent event : events) {
      Long parent = event.getStartupStep().getParentId();
      if (parent != null) {
        childTime.merge(parent, event.getDuration().toNanos(), Long::sum);
      }
    }
    Map<String, Long> phases = new LinkedHashMap<>();
    long refreshStart = 0;
    long refreshTotal = 0;
    long readyStep = 0;
    long otherBoot = 0;
    Map<String, Long> groups = new LinkedHashMap<>();
    GROUPS.keySet().forEach(g -> groups.put(g, 0L));
    long rest = 0;
    for (StartupTimeline.TimelineEvent event : events) {
      StartupStep step = event.getStartupStep();
      String name = step.getName();
      long total = event.getDuration().toNanos();
      long self = total - childTime.getOrDefault(step.getId(), 0L);
      String bean = tag(step, "beanName");
      String phase = null;
      if (name.equals("spring.context.refresh")) {
        refreshStart = event.getStartTime().toEpochMilli();
        refreshTotal = total;
      } else if (name.equals("spring.boot.application.ready")) {
        readyStep = total;
      } else if (name.equals("spring.boot.application.started")) {
        otherBoot += total;
      } else if (name.startsWith("spring.boot.application")) {
        continue; // before the refresh: in the first row
      } else if (name.startsWith("spring.context.config-classes") || name.startsWith("spring.context.bean-factory")
          || name.startsWith("spring.context.beandef-registry") || name.equals("spring.context.beans.post-process")
          || name.equals("spring.data.repository.scanning")) {
        phase = "bean definitions: component scan, configuration classes, auto-configuration conditions";
      } else if (name.equals("spring.boot.webserver.create")) {
        phase = "embedded Tomcat (create, servlet context, filters)";
      } else if (name.startsWith("spring.data.repository")) {
        phase = "Spring Data JPA repositories (proxies, derived and @Query queries checked)";
      } else if ("flyway".equals(bean) || "flywayInitializer".equals(bean)) {
        phase = "Flyway: domain schema (validate, migrate)";
      } else if ("&entityManagerFactory".equals(bean) || "entityManagerFactory".equals(bean)) {
        phase = "JPA/Hibernate bootstrap (EntityManagerFactory, schema validation)";
      } else if ("processEngineFactoryBean".equals(bean) || "processEngineConfigurationImpl".equals(bean)) {
        phase = "Camunda engine (total)";
      } else if ("sm2Signer".equals(bean) || "sm4Gcm".equals(bean)) {
        phase = "商用密码 keys: SM2 keystore (PKCS#12, created on first start), SM4 field keys";
      } else if (name.equals("spring.beans.instantiate") || name.equals("spring.beans.smart-initialize")) {
        String group = null;
        for (Map.Entry<String, Pattern> g : GROUPS.entrySet()) {
          if (bean != null && g.getValue().matcher(bean).matches()) {
            group = g.getKey();
            break;
          }
        }
        if (group != null) {
          groups.merge(group, self, Long::sum);
        } else {
          rest += self;
        }
      } else {
        rest += self;
      }
      if (phase != null) {
        phases.merge(phase, self, Long::sum);
      }
      if (self / 1_000_000 >= MIN_MILLIS) {
        System.out.printf("profile step: at %6.2f s  self %6.3f s  total %6.3f s  %s %s%n",
            (event.getStartTime().toEpochMilli() - jvmStart) / 1000.0, self / 1e9, total / 1e9, name,
            bean != null ? bean : tagsOf(step));
      }
    }
    // the refresh's own time (not in any step) counts with the other beans
    long inPhases = phases.values().stream().mapToLong(Long::longValue).sum()
        + groups.values().stream().mapToLong(Long::longValue).sum() + rest;
    rest += refreshTotal - inPhases;

    System.out.printf("profile phase: %6.2f s  JVM start, Spring Boot start-up, environment (to the context's refresh)%n",
        (refreshStart - jvmStart) / 1000.0);
    for (Map.Entry<String, Long> phase : phases.entrySet()) {
      if (phase.getKey().equals("Camunda engine (total)")) {
        engineRows(phase.getValue(), engine, events);
      } else {
        System.out.printf("profile phase: %6.2f s  %s%n", phase.getValue() / 1e9, phase.getKey());
      }
    }
    groups.forEach((group, nanos) -> System.out.printf("profile phase: %6.2f s  other beans: %s%n", nanos / 1e9, group));
    System.out.printf("profile phase: %6.2f s  other beans: the platform's own and the rest (~1,000 beans)%n",
        rest / 1e9);
    long listed = 0;
    for (String[] l : listeners) {
      if (l[2].equals("ApplicationReadyEvent")) {
        System.out.printf("profile phase: %6.2f s  ready: %s%n", Long.parseLong(l[1]) / 1e9, l[3]);
        listed += Long.parseLong(l[1]);
      }
    }
    System.out.printf("profile phase: %6.2f s  ready: the other listeners, started event, URL banner%n",
        (readyStep + otherBoot - listed) / 1e9);
    long accounted = (refreshStart - jvmStart) * 1_000_000L + refreshTotal + readyStep + otherBoot;
    System.out.printf("profile phase: %6.2f s  between the steps (Boot's own work after the refresh)%n",
        ((readyAt - jvmStart) * 1_000_000L - accounted) / 1e9);
    System.out.printf("profile phase: %6.2f s  = to ready (JVM start to the banner)%n", (readyAt - jvmStart) / 1000.0);
    for (String[] l : listeners) {
      System.out.printf("profile listener: at %6.2f s  %6.3f s  %s  %s%n", Long.parseLong(l[0]) / 1000.0,
          Long.parseLong(l[1]) / 1e9, l[2], l[3]);
    }
  }

  /**
   * The engine's own time in three windows: its configuration's init (preInit to postInit), its build (to
   * postProcessEngineBuild: schema, history level) and the rest (the deployment, after the build). The beans created
   * inside the engine's bean (delegates, listeners, repositories the plugins need) are counted in their own rows, so
   * their time is taken out of the window they started in.
   */
  private static void engineRows(long engineNanos, Map<String, Instant> engine,
      List<StartupTimeline.TimelineEvent> events) {
    Instant preInit = engine.get("preInit");
    Instant postInit = engine.get("postInit");
    Instant built = engine.get("built");
    StartupTimeline.TimelineEvent bean = events.stream()
        .filter(e -> "processEngineFactoryBean".equals(tag(e.getStartupStep(), "beanName"))).findFirst().orElse(null);
    if (preInit == null || postInit == null || built == null || bean == null) {
      System.out.printf("profile phase: %6.2f s  Camunda engine (build, schema, deployment)%n", engineNanos / 1e9);
      return;
    }
    long config = Duration.between(preInit, postInit).toNanos();
    long build = Duration.between(postInit, built).toNanos();
    for (StartupTimeline.TimelineEvent child : events) {
      Long parent = child.getStartupStep().getParentId();
      if (parent == null || parent != bean.getStartupStep().getId()) {
        continue;
      }
      Instant at = child.getStartTime();
      if (!at.isBefore(preInit) && at.isBefore(postInit)) {
        config -= child.getDuration().toNanos();
      } else if (!at.isBefore(postInit) && at.isBefore(built)) {
        build -= child.getDuration().toNanos();
      }
    }
    System.out.printf("profile phase: %6.2f s  Camunda engine: configuration (MyBatis mappings, plugins, caches)%n",
        config / 1e9);
    System.out.printf("profile phase: %6.2f s  Camunda engine: build (schema check or creation, history level)%n",
        build / 1e9);
    System.out.printf("profile phase: %6.2f s  Camunda engine: deployment of processes, forms, DMN (and the rest)%n",
        (engineNanos - config - build) / 1e9);
  }

  private static String tag(StartupStep step, String key) {
    for (StartupStep.Tag tag : step.getTags()) {
      if (tag.getKey().equals(key)) {
        return tag.getValue();
      }
    }
    return null;
  }

  private static String tagsOf(StartupStep step) {
    Map<String, String> tags = new LinkedHashMap<>();
    step.getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
    return tags.toString();
  }

  /** Notes the engine's moments: before and after its configuration's init, and after its build. */
  private static final class EngineMoments implements ProcessEnginePlugin, Ordered {
    private final Map<String, Instant> moments;

    EngineMoments(Map<String, Instant> moments) {
      this.moments = moments;
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      moments.put("preInit", Instant.now());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
      moments.put("postInit", Instant.now());
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
      moments.put("built", Instant.now());
    }
  }

  /**
   * Creates the adapters of the {@code @EventListener} methods (not the transactional ones) as Spring's default factory
   * does, timed. A bean of its own name: the event multicaster (Spring Modulith's) stays as it is.
   */
  private static final class TimingListenerFactory implements EventListenerFactory, Ordered {
    private final List<String[]> times;
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

    TimingListenerFactory(List<String[]> times) {
      this.times = times;
    }

    @Override
    public int getOrder() {
      return 100;
    }

    @Override
    public boolean supportsMethod(Method method) {
      return !AnnotatedElementUtils.hasAnnotation(method, TransactionalEventListener.class);
    }

    @Override
    public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
      return new ApplicationListenerMethodAdapter(beanName, type, method) {
        @Override
        public void processEvent(ApplicationEvent event) {
          long start = System.nanoTime();
          long at = System.currentTimeMillis();
          try {
            super.processEvent(event);
          } finally {
            long nanos = System.nanoTime() - start;
            if (nanos / 1_000_000 >= MIN_MILLIS || event.getClass().getSimpleName().equals("ApplicationReadyEvent")) {
              String eventName = event instanceof PayloadApplicationEvent<?> payload
                  ? payload.getPayload().getClass().getSimpleName() : event.getClass().getSimpleName();
              synchronized (times) {
                times.add(new String[] {String.valueOf(at - jvmStart), String.valueOf(nanos), eventName,
                    type.getSimpleName() + "." + method.getName()});
              }
            }
          }
        }
      };
    }
  }
}
