package cn.beijing.carboninclusion.decision;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * {@code /engine-rest} with the platform's refusals: the engine's REST resources plus two mappers that answer a
 * {@link DecisionRefused} with 400 and an {@link EffectRefused} with 409, each as an RFC 9457 problem naming the fields
 * (it keeps Camunda's {@code type} and {@code message} members, which Camunda Modeler and scripts read).
 */
@Component
public class EngineRestRefusals extends CamundaJerseyResourceConfig {
  static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

  @Override
  protected void registerAdditionalResources() {
    register(Refused.class);
    register(WrappedRefusal.class);
    register(EffectConflict.class);
  }

  static Map<String, Object> problem(int status, String title, String detail, Map<String, String> errors,
      String engineType) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", engineType);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    body.put("message", detail);
    if (errors != null) {
      body.put("errors", errors);
    }
    return body;
  }

  /** 400 for input the door refused. */
  @Provider
  public static class Refused implements ExceptionMapper<DecisionRefused> {
    @Override
    public Response toResponse(DecisionRefused e) {
      return Response.status(400).type(PROBLEM).entity(problem(400, "输入无效 (invalid input)", e.getMessage(),
          e.errors(), "urn:carbon-inclusion:problem:invalid-input")).build();
    }
  }

  /**
   * The engine's REST resources wrap some failures in a {@link RestException} (e.g. a variable write as 500): where the
   * cause is the door's refusal, the answer is the door's 400.
   */
  @Provider
  @Priority(1)
  public static class WrappedRefusal implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException e) {
      for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
        if (cause instanceof DecisionRefused refused) {
          return new Refused().toResponse(refused);
        }
      }
      int status = e.getStatus() == null ? 500 : e.getStatus().getStatusCode();
      return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("type",
          RestException.class.getSimpleName(), "message", String.valueOf(e.getMessage()))).build();
    }
  }

  /** 409 for an effect whose decisions are not on record (e.g. a job executed by hand). */
  @Provider
  public static class EffectConflict implements ExceptionMapper<EffectRefused> {
    @Override
    public Response toResponse(EffectRefused e) {
      return Response.status(409).type(PROBLEM).entity(problem(409, "缺少法定决定 (decisions missing)", e.getMessage(),
          null, "urn:carbon-inclusion:problem:decisions-missing")).build();
    }
  }
}
