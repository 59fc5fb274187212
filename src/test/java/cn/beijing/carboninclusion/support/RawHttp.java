package cn.beijing.carboninclusion.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Requests exactly as a test means them, byte for byte — a body that is not UTF-8, a multipart message without its
 * boundary, a {@code Content-Type} with a wildcard, a method HTTP does not have, an encoded NUL in the path — which
 * RestTemplate would refuse to send or would repair.
 */
public final class RawHttp {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private RawHttp() {}

  /** An answer: its status, its Content-Type (empty if none) and its body as text. */
  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return new ObjectMapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public boolean problem() {
      return contentType.startsWith("application/problem+json");
    }
  }

  /** {@code user} null: anonymous; else HTTP Basic with the demo password. */
  public static Answer send(int port, String method, String path, String user, Map<String, String> headers,
      byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = CLIENT.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " got no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The bytes of a multipart/form-data body from parts given as their header lines and content. */
  public static byte[] multipart(String boundary, String eol, Part... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Part part : parts) {
      out.writeBytes(("--" + boundary + eol).getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(part.headers());
      out.writeBytes((eol + eol).getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(part.content());
      out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
    }
    out.writeBytes(("--" + boundary + "--" + eol).getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  /** A part: its header lines (already joined, as bytes, so that a file name can hold any byte) and its content. */
  public record Part(byte[] headers, byte[] content) {
    public static Part of(String headers, String content) {
      return new Part(headers.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
