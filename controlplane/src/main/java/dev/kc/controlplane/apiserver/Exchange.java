package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.JsonNode;

/** One request and its response, with the helpers every handler needs. */
final class Exchange {
  /** Bodies larger than this are refused; Kubernetes' limit is 3 MiB. */
  static final int MAX_BODY = 3 * 1024 * 1024;

  final Request request;
  final Response response;
  final Callback callback;
  final Fields query;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.query = Request.extractQueryParameters(request);
  }

  String method() {
    return request.getMethod();
  }

  String path() {
    return request.getHttpURI().getPath();
  }

  String header(String name) {
    return request.getHeaders().get(name);
  }

  String param(String name) {
    Fields.Field f = query.get(name);
    return f == null ? null : f.getValue();
  }

  boolean flag(String name) {
    String v = param(name);
    return v != null && (v.equals("true") || v.equals("1"));
  }

  /** Reads the body, refusing more than {@link #MAX_BODY} bytes with 413. */
  byte[] body() {
    long declared = request.getLength();
    if (declared > MAX_BODY) {
      throw tooLarge();
    }
    try (InputStream in = Request.asInputStream(request)) {
      byte[] data = in.readNBytes(MAX_BODY + 1);
      if (data.length > MAX_BODY) {
        throw tooLarge();
      }
      return data;
    } catch (IOException e) {
      throw ApiException.badRequest("failed to read the request body: " + e.getMessage());
    }
  }

  private static ApiException tooLarge() {
    return ApiException.tooLarge("the request body is larger than the " + MAX_BODY + " byte limit");
  }

  void sendJson(int status, JsonNode body, List<String> warnings) {
    sendBytes(status, "application/json", Json.encode(body), warnings);
  }

  void sendBytes(int status, String contentType, byte[] body, List<String> warnings) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    for (String w : warnings) {
      response.getHeaders().add("Warning", "299 - \"" + w.replace("\"", "'") + "\"");
    }
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  void sendText(int status, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
  }

  void sendError(ApiException e) {
    sendJson(e.code(), e.toStatus(), List.of());
  }
}
