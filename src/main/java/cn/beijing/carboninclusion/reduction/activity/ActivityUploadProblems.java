package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.common.ApiExceptionHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A rejected activity upload as an RFC 9457 problem, built as every invalid input of the platform API
 * ({@link ApiExceptionHandler#invalid}): 400, {@code errors} keyed by {@code "line N: field"}; and {@code rowErrors}, the same
 * errors as a list of {@code {line, field, message}}. Ordered before the platform's handler, whose catch-all would
 * otherwise answer first.
 */
@RestControllerAdvice(basePackages = "cn.beijing.carboninclusion")
@Order(Ordered.HIGHEST_PRECEDENCE)
class ActivityUploadProblems {
  @ExceptionHandler(ActivityUploadRejected.class)
  ResponseEntity<ProblemDetail> rejected(ActivityUploadRejected ex) {
    Map<String, String> errors = new LinkedHashMap<>();
    ex.errors().forEach(e -> errors.merge("line " + e.line() + ": " + e.field(), e.message(), (a, b) -> a + "; " + b));
    ProblemDetail problem = ApiExceptionHandler.invalid(errors);
    problem.setDetail((ex instanceof PayoutLedgerRejected
        ? "发放台账有误，整个文件未被接受 (the payout ledger has errors; nothing was recorded)"
        : "活动数据有误，整个文件未被接受 (the activity file has errors; nothing was recorded)")
        + (ex.truncated() ? "；仅列出前 " + ActivityUploadRejected.MAX_REPORTED + " 处 (first "
        + ActivityUploadRejected.MAX_REPORTED + " errors listed)" : ""));
    problem.setProperty("rowErrors", ex.errors());
    problem.setProperty("truncated", ex.truncated());
    return ResponseEntity.badRequest().body(problem);
  }
}
