package cn.beijing.carboninclusion.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where the platform's applications are once it is ready. */
@Component
class StartupUrls {
  private static final Logger log = LoggerFactory.getLogger(StartupUrls.class);

  @EventListener(ApplicationReadyEvent.class)
  @Order(100)
  void print(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
      return;
    }
    Environment env = event.getApplicationContext().getEnvironment();
    String base = "http://localhost:" + web.getWebServer().getPort();
    boolean demo = env.getProperty("carbon-inclusion.demo.enabled", Boolean.class, false);
    log.info("""

        ================ 北京市碳普惠管理平台 已启动 (Beijing carbon inclusion platform is up) ================
          Tasklist   任务列表   {}/camunda/app/tasklist/
          Cockpit    流程监控   {}/camunda/app/cockpit/
          Admin      系统管理   {}/camunda/app/admin/
          Portal     信息公开   {}/portal   (public, no login)
          Platform API 平台接口 {}/api   (HTTP Basic, same users as Tasklist)
          OpenAPI    接口文档   {}/swagger-ui.html   ({}/v3/api-docs)
          Engine REST 引擎接口  {}/engine-rest   (HTTP Basic)
          Health     健康检查   {}/actuator/health
          Database   数据库     {}
          {}
        =====================================================================================================""",
        base, base, base, base, base, base, base, base, base, env.getProperty("spring.datasource.url"),
        demo ? "Demo users (password: carbon-inclusion.demo.password, default 'demo'): admin, zhangwei/lina (bureau), "
            + "wangfang/liuyang (techcenter), chenjing (exchange), greentravel/sunroof/lowcarbon (developers), "
            + "expertgao/experthu/expertma/expertsong (experts), anquan (security administrator), shenji (audit "
            + "administrator)"
            : "Demo data off.");
  }
}
