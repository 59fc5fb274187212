package cn.beijing.carboninclusion.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Migration of running cases between process versions (administrators only; see docs/admin-guide.md). */
@RestController
@RequestMapping("/api/admin/migrations")
@PreAuthorize("hasAuthority('GROUP_camunda-admin')")
@Tag(name = "流程版本迁移 instance migration (admin)")
class InstanceMigrationController {
  private final InstanceMigrations migrations;

  InstanceMigrationController(InstanceMigrations migrations) {
    this.migrations = migrations;
  }

  @Operation(summary = "生成迁移计划：映射、各活动的案件数、未映射的活动（不执行）")
  @PostMapping("/plan")
  InstanceMigrations.Plan plan(@RequestBody InstanceMigrations.Request request) {
    return migrations.plan(request);
  }

  @Operation(summary = "按计划迁移源版本的全部运行中案件（批处理，异步执行）")
  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  InstanceMigrations.Started execute(@RequestBody InstanceMigrations.Request request) {
    return migrations.execute(request);
  }
}
