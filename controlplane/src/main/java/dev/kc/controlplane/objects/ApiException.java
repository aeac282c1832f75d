package dev.kc.controlplane.objects;

import dev.kc.controlplane.registry.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request failed in a way the client should hear about: carries the HTTP code and the Kubernetes
 * {@code Status} fields (reason, message, details) the API answers with.
 */
public final class ApiException extends RuntimeException {
  /** One detail cause of a {@code Status}. */
  public record Cause(String reason, String message, String field) {}

  private final int code;
  private final String reason;
  private final String name;
  private final String group;
  private final String kind;
  private final List<Cause> causes;
  private final long retryAfterSeconds;

  private ApiException(
      int code,
      String reason,
      String message,
      String name,
      String group,
      String kind,
      List<Cause> causes) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.name = name;
    this.group = group;
    this.kind = kind;
    this.causes = causes;
    this.retryAfterSeconds = 0;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public List<Cause> causes() {
    return causes;
  }

  // ---- factories, one per Kubernetes reason ------------------------------------------------

  public static ApiException notFound(ResourceType type, String name) {
    return new ApiException(
        404,
        "NotFound",
        type.qualifiedResource() + " \"" + name + "\" not found",
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException alreadyExists(ResourceType type, String name) {
    return new ApiException(
        409,
        "AlreadyExists",
        type.qualifiedResource() + " \"" + name + "\" already exists",
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException conflict(ResourceType type, String name, String why) {
    return new ApiException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + type.qualifiedResource()
            + " \""
            + name
            + "\": "
            + why,
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  /** The usual optimistic-concurrency conflict. */
  public static ApiException modified(ResourceType type, String name) {
    return conflict(
        type,
        name,
        "the object has been modified; please apply your changes to the latest version and try"
            + " again");
  }

  public static ApiException invalid(
      ResourceType type, String name, String message, List<Cause> causes) {
    return new ApiException(
        422, "Invalid", message, name, type.group(), type.kind(), List.copyOf(causes));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message, null, null, null, List.of());
  }

  public static ApiException notFoundPath(String message) {
    return new ApiException(404, "NotFound", message, null, null, null, List.of());
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message, null, null, null, List.of());
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml, application/strategic-merge-patch+json",
        null,
        null,
        null,
        List.of());
  }

  public static ApiException notAcceptable(String message) {
    return new ApiException(406, "NotAcceptable", message, null, null, null, List.of());
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "Unauthorized", "Unauthorized", null, null, null, List.of());
  }

  /** The watch or list asked for history that has been compacted (410). */
  public static ApiException expired(String message) {
    return new ApiException(410, "Expired", message, null, null, null, List.of());
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Gone", message, null, null, null, List.of());
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(413, "RequestEntityTooLarge", message, null, null, null, List.of());
  }

  public static ApiException forbidden(ResourceType type, String name, String why) {
    return new ApiException(
        403,
        "Forbidden",
        type.qualifiedResource() + " \"" + name + "\" is forbidden: " + why,
        name,
        type.group(),
        type.plural(),
        List.of());
  }

  public static ApiException internal(String message) {
    return new ApiException(
        500, "InternalError", "Internal error occurred: " + message, null, null, null, List.of());
  }

  public static ApiException timeout(String message) {
    return new ApiException(504, "Timeout", message, null, null, null, List.of());
  }

  /** The {@code Status} object sent as the body of the error response. */
  public ObjectNode toStatus() {
    ObjectNode s = Json.object();
    s.put("kind", "Status");
    s.put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", "Failure");
    s.put("message", getMessage());
    s.put("reason", reason);
    if (name != null || kind != null || !causes.isEmpty()) {
      ObjectNode d = s.putObject("details");
      if (name != null) {
        d.put("name", name);
      }
      if (group != null && !group.isEmpty()) {
        d.put("group", group);
      }
      if (kind != null) {
        d.put("kind", kind);
      }
      if (!causes.isEmpty()) {
        ArrayNode cs = d.putArray("causes");
        for (Cause c : causes) {
          ObjectNode cn = cs.addObject();
          cn.put("reason", c.reason());
          cn.put("message", c.message());
          if (c.field() != null) {
            cn.put("field", c.field());
          }
        }
      }
      if (retryAfterSeconds > 0) {
        d.put("retryAfterSeconds", retryAfterSeconds);
      }
    }
    s.put("code", code);
    return s;
  }
}
