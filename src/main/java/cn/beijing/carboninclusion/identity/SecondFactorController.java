package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 动态口令: each account enrols its own second factor (a secret for an authenticator app, confirmed with a first code);
 * the security administrator resets one that is lost. Every step is in the security audit.
 */
@RestController
@Tag(name = "动态口令 second factor")
class SecondFactorController {
  private final SecondFactors factors;
  private final CurrentUser currentUser;
  private final SecurityAudit audit;
  private final org.camunda.bpm.engine.IdentityService identityService;

  SecondFactorController(SecondFactors factors, CurrentUser currentUser, SecurityAudit audit,
      org.camunda.bpm.engine.IdentityService identityService) {
    this.identityService = identityService;
    this.factors = factors;
    this.currentUser = currentUser;
    this.audit = audit;
  }

  record Confirmation(@NotBlank @Pattern(regexp = "\\d{6}", message = "须为 6 位数字 (six digits)") String code) {}

  @Operation(summary = "本人动态口令的状态")
  @GetMapping("/api/me/second-factor")
  SecondFactors.Status status() {
    return factors.status(currentUser.id());
  }

  @Operation(summary = "启用（或重新开始启用）本人的动态口令：返回密钥与 otpauth 地址，供身份验证器应用扫描；须再以首个动态口令确认",
      description = "确认后，每次登录在密码后接 6 位动态口令（如 密码123456），网页登录与 HTTP Basic 相同。")
  @PostMapping("/api/me/second-factor")
  @ResponseStatus(HttpStatus.CREATED)
  SecondFactors.Enrollment start() {
    String user = currentUser.id();
    SecondFactors.Enrollment enrollment = factors.start(user);
    audit.record(Event.SECOND_FACTOR_CHANGED, user, "user:" + user, Outcome.SUCCESS, "开始启用动态口令 (enrolment started)");
    return enrollment;
  }

  @Operation(summary = "以首个动态口令确认启用")
  @PostMapping("/api/me/second-factor/confirmation")
  SecondFactors.Status confirm(@Valid @RequestBody Confirmation confirmation) {
    String user = currentUser.id();
    SecondFactors.Status status = factors.confirm(user, confirmation.code());
    audit.record(Event.SECOND_FACTOR_CHANGED, user, "user:" + user, Outcome.SUCCESS, "动态口令已启用 (confirmed)");
    return status;
  }

  record PasswordChange(@NotBlank @jakarta.validation.constraints.Size(max = 200) String newPassword) {}

  @Operation(summary = "修改本人密码（工作人员密码 90 天过期后，仅可调用此接口）",
      description = "新密码须符合平台密码规则：至少 10 个字符，包含大写字母、小写字母、数字、其他字符中的至少 3 类，不含账号、姓名或邮箱，"
          + "且不得与最近 5 次使用的密码相同。")
  @org.springframework.web.bind.annotation.PutMapping(PasswordExpiry.CHANGE_PATH)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void changePassword(@Valid @RequestBody PasswordChange change) {
    if (identityService.isReadOnly()) {
      throw new cn.beijing.carboninclusion.common.ConflictException("密码由组织的目录管理，请在目录中修改 (passwords of "
          + "directory accounts change in the directory)");
    }
    org.camunda.bpm.engine.identity.User user = identityService.createUserQuery().userId(currentUser.id())
        .singleResult();
    user.setPassword(change.newPassword());
    try {
      identityService.saveUser(user);
    } catch (org.camunda.bpm.engine.BadUserRequestException e) {
      throw new cn.beijing.carboninclusion.common.InvalidInputException("newPassword", e.getMessage());
    }
  }

  @Operation(summary = "重置某账号的动态口令（安全管理员）：该账号须重新启用")
  @DeleteMapping("/api/users/{userId}/second-factor")
  @PreAuthorize("hasAuthority('GROUP_secadmin')")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void reset(@PathVariable String userId) {
    if (!factors.reset(userId)) {
      throw new NotFoundException("second factor", userId);
    }
    audit.record(Event.SECOND_FACTOR_CHANGED, currentUser.id(), "user:" + userId, Outcome.SUCCESS,
        "安全管理员重置动态口令 (reset by the security administrator)");
  }
}
