package cn.beijing.carboninclusion.common;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.FormException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure of the platform API to an RFC 9457 problem. Bad fields are listed by name under
 * {@code errors}; the caller never sees a stack trace or an internal message.
 */
@RestControllerAdvice(basePackages = "cn.beijing.carboninclusion")
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
  private static final URI VALIDATION = URI.create("urn:carbon-inclusion:problem:invalid-input");

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      @NonNull MethodArgumentNotValidException ex, @NonNull HttpHeaders headers,
      @NonNull HttpStatusCode status, @NonNull WebRequest request) {
    Map<String, String> errors = new LinkedHashMap<>();
    for (FieldError error : ex.getBindingResult().getFieldErrors()) {
      errors.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b);
    }
    ex.getBindingResult().getGlobalErrors()
        .forEach(e -> errors.merge(e.getObjectName(), String.valueOf(e.getDefaultMessage()), (a, b) -> a + "; " + b));
    return ResponseEntity.badRequest().body(invalid(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      @NonNull HandlerMethodValidationException ex, @NonNull HttpHeaders headers,
      @NonNull HttpStatusCode status, @NonNull WebRequest request) {
    Map<String, String> errors = new LinkedHashMap<>();
    ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(e ->
        errors.merge(r.getMethodParameter().getParameterName(), String.valueOf(e.getDefaultMessage()), (a, b) -> a + "; " + b)));
    return ResponseEntity.badRequest().body(invalid(errors));
  }

  /** A path variable or query parameter that does not convert to its type (e.g. an id {@code abc}): 400 naming it. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException ex,
      @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
    String name = ex instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
        : ex.getPropertyName();
    return ResponseEntity.badRequest().body(invalid(Map.of(name == null ? "parameter" : name,
        "无法识别该参数的值 (not a value of the parameter's type)")));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestPart(@NonNull MissingServletRequestPartException ex,
      @NonNull HttpHeaders headers, @NonNull HttpStatusCode status, @NonNull WebRequest request) {
    return ResponseEntity.badRequest().body(invalid(Map.of(ex.getRequestPartName(), "必须提供 (required)")));
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      @NonNull MissingServletRequestParameterException ex, @NonNull HttpHeaders headers,
      @NonNull HttpStatusCode status, @NonNull WebRequest request) {
    return ResponseEntity.badRequest().body(invalid(Map.of(ex.getParameterName(), "必须提供 (required)")));
  }

  /**
   * A body that does not read: names the field where the JSON breaks (a value of the wrong type, a character or
   * number JSON does not allow, a name given twice — {@code spring.jackson.parser.strict-duplicate-detection}), or
   * {@code body} when it breaks outside any field.
   */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      @NonNull HttpMessageNotReadableException ex, @NonNull HttpHeaders headers,
      @NonNull HttpStatusCode status, @NonNull WebRequest request) {
    String field = "body";
    String message = "无法解析该字段的值 (malformed or wrong type)";
    if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
    } else if (ex.getCause() instanceof CharacterCodingException) {
      message = "请求正文不是有效的 UTF-8 (the body is not valid UTF-8)";
    } else if (ex.getCause() instanceof StreamReadException read && read.getProcessor() != null) {
      field = fieldOf(read.getProcessor().getParsingContext());
      if (String.valueOf(read.getOriginalMessage()).startsWith("Duplicate field")) {
        message = "字段重复 (the field is given more than once)";
      }
    }
    return ResponseEntity.badRequest().body(invalid(Map.of(field, message)));
  }

  /** The field the parser was in, e.g. {@code identifiers[1].scheme}; {@code body} outside any (or deeper than sense). */
  private static String fieldOf(JsonStreamContext context) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.addFirst(c.getCurrentName());
      } else if (c.inArray()) {
        parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      }
    }
    String field = String.join(".", parts).replace(".[", "[");
    return field.isEmpty() || field.length() > 200 ? "body" : field;
  }

  /**
   * A multipart body that does not parse (read when the operation reads its parts,
   * {@code spring.servlet.multipart.resolve-lazily}): a part whose file name holds a NUL, too many parts, or a body
   * that is not multipart at all (no boundary, a part without its headers, no closing delimiter). Too large a body is
   * 413 ({@link ResponseEntityExceptionHandler}).
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> malformedMultipart(MultipartException ex) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      if (cause instanceof InvalidFileNameException) {
        return ResponseEntity.badRequest().body(invalid(Map.of("filename",
            "文件名含有不允许的字符 (the file name holds a NUL character)")));
      }
      if (cause instanceof FileCountLimitExceededException) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
            "请求的部分过多 (too many parts in the multipart body)");
        problem.setTitle("请求过大 (content too large)");
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
      }
    }
    return ResponseEntity.badRequest().body(invalid(Map.of("body",
        "multipart/form-data 正文无法解析 (malformed multipart body)")));
  }

  /**
   * What the firewall refuses only when the request is read (a form parameter whose name holds control characters,
   * read as the body of a JSON operation called with a form content type).
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(RequestRejectedException ex) {
    return ResponseEntity.badRequest().body(invalid(Map.of("body",
        "请求含有不允许的字符 (the request holds characters that are not allowed)")));
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidInputException ex) {
    return ResponseEntity.badRequest().body(invalid(ex.fieldErrors()));
  }

  /** The engine refused the caller's input (the task door, a task listener's check, the engine's own checks). */
  @ExceptionHandler({BadUserRequestException.class, FormException.class})
  ResponseEntity<ProblemDetail> badUserRequest(ProcessEngineException ex) {
    if (ex instanceof FieldRefusal refusal) {
      return ResponseEntity.badRequest().body(invalid(refusal.errors()));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    problem.setType(VALIDATION);
    problem.setTitle("输入无效 (invalid input)");
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
    Map<String, String> errors = new LinkedHashMap<>();
    ex.getConstraintViolations().forEach(v -> {
      String path = v.getPropertyPath().toString();
      errors.merge(path.substring(path.lastIndexOf('.') + 1), v.getMessage(), (a, b) -> a + "; " + b);
    });
    return ResponseEntity.badRequest().body(invalid(errors));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    problem.setTitle("未找到 (not found)");
    problem.setProperty("resource", ex.resource());
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class, AuthorizationException.class})
  ResponseEntity<ProblemDetail> forbidden(RuntimeException ex) {
    log.info("refused: {}", ex.getMessage());
    String detail = ex instanceof ForbiddenException ? ex.getMessage() : "无权执行该操作 (not permitted)";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
    problem.setTitle("无权操作 (forbidden)");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
  }

  @ExceptionHandler({ConflictException.class, OptimisticLockingFailureException.class,
      DataIntegrityViolationException.class})
  ResponseEntity<ProblemDetail> conflict(RuntimeException ex) {
    log.info("conflict: {}", ex.getMessage());
    String detail = ex instanceof ConflictException ? ex.getMessage()
        : "该记录已被并发修改或重复提交 (concurrent change or duplicate submission)";
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
    problem.setTitle("状态冲突 (conflict)");
    if (ex instanceof IdempotencyKeys.Repeated repeated) {
      problem.setProperty("existing", repeated.made());
      problem.setProperty("existingId", repeated.id());
    }
    return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
  }

  @ExceptionHandler(TooManyRequestsException.class)
  ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
    problem.setTitle("请求过于频繁 (too many requests)");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "3600").body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception ex) {
    log.error("unexpected failure of an API call", ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "服务器内部错误，请稍后重试 (internal error)");
    problem.setTitle("内部错误 (internal error)");
    return ResponseEntity.internalServerError().body(problem);
  }

  /** The platform's problem for invalid input: 400, naming each bad field under {@code errors}. */
  public static ProblemDetail invalid(Map<String, String> errors) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "请求中有无效字段: " + String.join(", ", errors.keySet()));
    problem.setType(VALIDATION);
    problem.setTitle("输入无效 (invalid input)");
    problem.setProperty("errors", errors);
    return problem;
  }
}
