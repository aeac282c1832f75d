package dev.kc.cli.client;

import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A failure answered by the API server, carrying the Kubernetes {@code Status} it sent (or one
 * synthesized from the HTTP status when the body was not a Status).
 *
 * <p>{@link #kubectlMessage()} renders it the way kubectl prints API errors.
 */
public final class ApiException extends RuntimeException {

  private final int code;
  private final String reason;
  private final Map<String, Object> status;

  private ApiException(int code, String reason, String message, Map<String, Object> status) {
    super(message);
    this.code = code;
    this.reason = reason == null ? "" : reason;
    this.status = status;
  }

  /**
   * Builds the exception for an error response.
   *
   * @param httpCode the HTTP status code
   * @param body the response body; a Kubernetes Status is used as is, anything else is summarised
   *     the way client-go does for non-Status bodies
   * @param verbAndTarget for non-Status bodies, what was attempted, e.g. {@code get pods x}
   */
  public static ApiException fromResponse(int httpCode, byte[] body, String verbAndTarget) {
    Map<String, Object> status = null;
    try {
      Object parsed = Json.parse(body);
      if (parsed instanceof Map && "Status".equals(((Map<?, ?>) parsed).get("kind"))) {
        status = Json.obj(parsed);
      }
    } catch (RuntimeException notJson) {
      // Fall through: synthesize a message below.
    }
    if (status != null) {
      Object c = status.get("code");
      int code = c instanceof Number ? ((Number) c).intValue() : httpCode;
      String message = Json.str(status, "message");
      return new ApiException(
          code, Json.str(status, "reason"), message == null ? "" : message, status);
    }
    return synthesized(
        httpCode, new String(body, java.nio.charset.StandardCharsets.UTF_8), verbAndTarget);
  }

  private static ApiException synthesized(int code, String body, String verbAndTarget) {
    String suffix = verbAndTarget == null ? "" : " (" + verbAndTarget + ")";
    switch (code) {
      case 400:
        return new ApiException(code, "BadRequest", body.trim(), null);
      case 401:
        return new ApiException(code, "Unauthorized", "Unauthorized", null);
      case 403:
        return new ApiException(code, "Forbidden", body.trim(), null);
      case 404:
        return new ApiException(
            code, "NotFound", "the server could not find the requested resource" + suffix, null);
      case 409:
        return new ApiException(code, "Conflict", body.trim(), null);
      case 405:
        return new ApiException(
            code,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource" + suffix,
            null);
      default:
        String text = body.trim();
        String message =
            text.isEmpty()
                ? "an error on the server has prevented the request from succeeding" + suffix
                : "an error on the server (\""
                    + text
                    + "\") has prevented the request from"
                    + " succeeding"
                    + suffix;
        return new ApiException(code, "InternalError", message, null);
    }
  }

  /** An exception carrying the given Status fields; for callers that build errors locally. */
  public static ApiException of(int code, String reason, String message) {
    return new ApiException(code, reason, message, null);
  }

  /**
   * Returns a copy whose message is prefixed like kubectl's {@code AddSourceToErr}: {@code error
   * when <verb> "<source>": <message>}. Unchanged when {@code source} is empty.
   */
  public ApiException withSource(String verb, String source) {
    if (source == null || source.isEmpty()) {
      return this;
    }
    return new ApiException(
        code, reason, "error when " + verb + " \"" + source + "\": " + getMessage(), status);
  }

  /** The HTTP status code (from the Status body when it has one). */
  public int code() {
    return code;
  }

  /** The Status reason, e.g. {@code NotFound}; empty when the server gave none. */
  public String reason() {
    return reason;
  }

  /** True for 404 responses. */
  public boolean isNotFound() {
    return code == 404;
  }

  /**
   * The line(s) kubectl prints for this error when it is the only error of a command: invalid
   * objects list their causes, 401 asks to log in, everything else reads {@code Error from server
   * (<reason>): <message>}.
   */
  public String kubectlMessage() {
    if ("Invalid".equals(reason) && status != null && Json.obj(status, "details") != null) {
      return invalidMessage();
    }
    return standardMessage();
  }

  /**
   * The form used when several errors are printed together (kubectl's aggregate printing), which
   * never uses the special Invalid layout.
   */
  public String standardMessage() {
    if ("Unauthorized".equals(reason)) {
      return "error: You must be logged in to the server (" + getMessage() + ")";
    }
    if (!reason.isEmpty()) {
      return "Error from server (" + reason + "): " + getMessage();
    }
    return "Error from server: " + getMessage();
  }

  private String invalidMessage() {
    Map<String, Object> details = Json.obj(status, "details");
    String kind = Json.str(details, "kind");
    String name = Json.str(details, "name");
    String head =
        (kind == null || kind.isEmpty()) && (name == null || name.isEmpty())
            ? "The request is invalid"
            : "The "
                + (kind == null ? "" : kind)
                + " \""
                + (name == null ? "" : name)
                + "\" is invalid";
    List<Object> causes = Json.arr(details, "causes");
    if (causes == null || causes.isEmpty()) {
      return head;
    }
    Set<String> lines = new LinkedHashSet<>();
    for (Object c : causes) {
      String field = Json.str(c, "field");
      String msg = Json.str(c, "message");
      lines.add((field == null ? "" : field) + ": " + (msg == null ? "" : msg));
    }
    List<String> list = new ArrayList<>(lines);
    if (list.size() == 1) {
      return head + ": " + list.get(0);
    }
    StringBuilder sb = new StringBuilder(head).append(": ");
    for (String l : list) {
      sb.append("\n* ").append(l);
    }
    return sb.toString();
  }
}
