package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 客户端令牌 ({@link ApiTokens}): an API client exchanges one login (password, and for staff the one-time code) for a
 * short-lived bearer token; its holder lists and revokes its tokens; the security administrator revokes an account's.
 */
@RestController
@Tag(name = "客户端令牌 API tokens")
@Validated
class ApiTokenController {
  private final ApiTokens tokens;
  private final CurrentUser currentUser;

  ApiTokenController(ApiTokens tokens, CurrentUser currentUser) {
    this.tokens = tokens;
    this.currentUser = currentUser;
  }

  record TokenRequest(@NotBlank @Size(max = 100) String client) {}

  record TokenPage(List<ApiTokens.View> items, int page, int size, long total) {}

  @Operation(summary = "以密码（工作人员另加动态口令）登录一次，换取客户端令牌：此后以 Authorization: Bearer 令牌 调用 /api 与 /engine-rest",
      description = "令牌仅在此次返回中出现；15 分钟未使用、届满 8 小时、本人或安全管理员撤销、修改密码后失效。令牌不能换取新令牌。")
  @PostMapping("/api/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  ApiTokens.Issued issue(@Valid @RequestBody TokenRequest request) {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof BearerTokenFilter.TokenAuthentication) {
      throw new ForbiddenException("令牌不能换取新令牌，须以密码（及动态口令）登录 (a token cannot mint a token)");
    }
    return tokens.issue(currentUser.id(), request.client().strip());
  }

  @Operation(summary = "本人的客户端令牌（不含令牌值），最新在前")
  @GetMapping("/api/me/tokens")
  TokenPage mine(@RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    var request = PublicPage.of(page, size);
    String user = currentUser.id();
    return new TokenPage(tokens.of(user, (int) request.getOffset(), request.getPageSize()), request.getPageNumber(),
        request.getPageSize(), tokens.countOf(user));
  }

  @Operation(summary = "撤销本人的一个客户端令牌（退出）")
  @DeleteMapping("/api/me/tokens/{tokenId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable long tokenId) {
    String user = currentUser.id();
    if (!tokens.revoke(user, tokenId, user)) {
      throw new NotFoundException("token", tokenId);
    }
  }

  @Operation(summary = "撤销某账号的全部客户端令牌（安全管理员）")
  @DeleteMapping("/api/users/{userId}/tokens")
  @PreAuthorize("hasAuthority('GROUP_secadmin')")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revokeAll(@PathVariable String userId) {
    tokens.revokeAll(userId, currentUser.id(), "安全管理员撤销 (revoked by the security administrator)");
  }
}
