package cn.beijing.carboninclusion.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One operation of the platform's OpenAPI document, as the fuzzer needs it. */
record ApiOperation(String method, String path, String summary, List<Param> parameters, Body body,
    Set<String> methodsOfPath) {

  record Param(String name, String in, JsonNode schema, boolean required) {}

  /** {@code mediaType} is application/json or multipart/form-data; {@code schema} is resolved. */
  record Body(String mediaType, JsonNode schema, boolean required) {
    boolean multipart() {
      return mediaType.startsWith("multipart/");
    }
  }

  String id() {
    return method + " " + path;
  }

  boolean write() {
    return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
  }

  /**
   * Open to anonymous callers: the disclosure data under /api/public and the two forms the public files without an
   * account (objections, comments), which the document marks 无需登录 (no login).
   */
  boolean open() {
    return path.startsWith("/api/public/") || summary.contains("无需登录");
  }

  List<Param> in(String where) {
    return parameters.stream().filter(p -> p.in().equals(where)).toList();
  }

  /** Every operation under /api of the document, in the document's order (paths, then methods). */
  static List<ApiOperation> all(JsonNode document) {
    List<ApiOperation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      Set<String> methods = new TreeSet<>();
      path.getValue().fieldNames().forEachRemaining(m -> methods.add(m.toUpperCase(Locale.ROOT)));
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        JsonNode operation = op.getValue();
        List<Param> params = new ArrayList<>();
        for (JsonNode p : operation.path("parameters")) {
          params.add(new Param(p.path("name").asText(), p.path("in").asText(), resolve(document, p.path("schema")),
              p.path("required").asBoolean(false)));
        }
        Body body = null;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.isObject() && content.size() > 0) {
          String mediaType = content.fieldNames().next();
          body = new Body(mediaType, resolve(document, content.path(mediaType).path("schema")),
              operation.path("requestBody").path("required").asBoolean(true));
        }
        operations.add(new ApiOperation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
            operation.path("summary").asText(""), List.copyOf(params), body, Set.copyOf(methods)));
      }
    }
    return operations;
  }

  /** Follows {@code $ref} (recursively, into properties and items) so that the generator sees plain schemas. */
  static JsonNode resolve(JsonNode document, JsonNode schema) {
    return resolve(document, schema, 0);
  }

  private static JsonNode resolve(JsonNode document, JsonNode schema, int depth) {
    if (schema == null || schema.isMissingNode() || depth > 20) {
      return schema;
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = document.at(ref.substring(1));
      return resolve(document, target, depth + 1);
    }
    if (!schema.isObject()) {
      return schema;
    }
    ObjectNode copy = schema.deepCopy();
    if (copy.has("properties")) {
      ObjectNode props = (ObjectNode) copy.get("properties");
      List<String> names = new ArrayList<>();
      props.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        props.set(name, resolve(document, props.get(name), depth + 1));
      }
    }
    if (copy.has("items")) {
      copy.set("items", resolve(document, copy.get("items"), depth + 1));
    }
    if (copy.has("additionalProperties") && copy.get("additionalProperties").isObject()) {
      copy.set("additionalProperties", resolve(document, copy.get("additionalProperties"), depth + 1));
    }
    return copy;
  }
}
