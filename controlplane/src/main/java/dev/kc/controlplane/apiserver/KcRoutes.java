package dev.kc.controlplane.apiserver;

import dev.kc.api.GoDuration;
import dev.kc.controlplane.kubelet.ContainerLog;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The {@code /kc/v1} routes and the pods' {@code log} subresource. */
final class KcRoutes {
  private final ClusterOps ops;

  KcRoutes(ClusterOps ops) {
    this.ops = ops;
  }

  /** Serves a {@code /kc/v1/...} request. */
  void serve(Exchange ex, List<String> seg) {
    // seg starts with "kc", "v1".
    List<String> rest = seg.subList(2, seg.size());
    String method = ex.method();
    if (rest.isEmpty()) {
      throw notFound();
    }
    switch (rest.get(0)) {
      case "clock" -> clock(ex, rest, method);
      case "images" -> images(ex, rest, method);
      case "nodes" -> nodes(ex, rest, method);
      case "namespaces" -> pods(ex, rest, method);
      case "dns" -> {
        String name = ex.param("name");
        if (name == null || name.isEmpty()) {
          throw ApiException.badRequest("name is required");
        }
        ObjectNode out = Json.object();
        out.put("name", name);
        ArrayNode addrs = out.putArray("addresses");
        ops.resolve(name).forEach(addrs::add);
        ex.sendJson(200, out, List.of());
      }
      default -> throw notFound();
    }
  }

  private static ApiException notFound() {
    return ApiException.notFoundPath("the server could not find the requested resource");
  }

  private void clock(Exchange ex, List<String> rest, String method) {
    if (rest.size() == 1 && method.equals("GET")) {
      ex.sendJson(200, ops.clock(), List.of());
      return;
    }
    if (rest.size() == 2 && rest.get(1).equals("advance") && method.equals("POST")) {
      String by = ex.param("duration");
      Duration d;
      try {
        d = GoDuration.parse(by == null ? "" : by);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
      if (d.isNegative()) {
        throw ApiException.badRequest("the clock cannot go backwards: " + by);
      }
      ex.sendJson(200, ops.advance(d), List.of());
      return;
    }
    throw notFound();
  }

  private void images(Exchange ex, List<String> rest, String method) {
    if (rest.size() == 1 && method.equals("GET")) {
      ex.sendJson(200, ops.images(), List.of());
      return;
    }
    if (rest.size() == 1 && method.equals("POST")) {
      ObjectNode body = Json.parseObject(ex.body());
      List<String> names = strings(body.path("names"));
      List<Integer> ports = new ArrayList<>();
      for (JsonNode p : body.path("ports")) {
        ports.add(p.asInt());
      }
      if (names.isEmpty()) {
        throw ApiException.badRequest("no image names given");
      }
      try {
        ops.loadImages(names, ports);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
      ex.sendJson(200, ops.images(), List.of());
      return;
    }
    if (rest.size() == 1 && method.equals("DELETE")) {
      List<String> names = new ArrayList<>();
      Fields.Field f = ex.query.get("name");
      if (f != null) {
        names.addAll(f.getValues());
      }
      List<String> missing = ops.removeImages(names);
      if (!missing.isEmpty()) {
        throw ApiException.notFoundPath("image not loaded: " + String.join(", ", missing));
      }
      ex.sendJson(200, ops.images(), List.of());
      return;
    }
    if (rest.size() == 2 && rest.get(1).equals("unpullable") && method.equals("POST")) {
      ObjectNode body = Json.parseObject(ex.body());
      try {
        ops.setUnpullable(body.path("image").asString(""), body.path("broken").asBoolean(true));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(e.getMessage());
      }
      ex.sendJson(200, body, List.of());
      return;
    }
    throw notFound();
  }

  private void nodes(Exchange ex, List<String> rest, String method) {
    if (rest.size() == 1 && method.equals("POST")) {
      ex.sendJson(201, ops.addNode(Json.parseObject(ex.body())), List.of());
      return;
    }
    if (rest.size() == 2 && method.equals("DELETE")) {
      ops.removeNode(rest.get(1));
      ex.sendJson(200, Json.object().put("name", rest.get(1)), List.of());
      return;
    }
    if (rest.size() == 3
        && method.equals("POST")
        && (rest.get(2).equals("down") || rest.get(2).equals("up"))) {
      ops.setNodeDown(rest.get(1), rest.get(2).equals("down"));
      ex.sendJson(200, Json.object().put("name", rest.get(1)).put("state", rest.get(2)), List.of());
      return;
    }
    throw notFound();
  }

  /** {@code namespaces/{ns}/pods/{pod}/(exec|crash|readiness)}. */
  private void pods(Exchange ex, List<String> rest, String method) {
    if (rest.size() != 5 || !rest.get(2).equals("pods") || !method.equals("POST")) {
      throw notFound();
    }
    String ns = rest.get(1);
    String pod = rest.get(3);
    ObjectNode body = Json.parseObject(ex.body());
    String container = body.path("container").asString("");
    switch (rest.get(4)) {
      case "exec" -> {
        List<String> argv = strings(body.path("command"));
        if (argv.isEmpty()) {
          throw ApiException.badRequest("you must specify at least one command for the container");
        }
        ex.sendJson(200, ops.exec(ns, pod, container, argv), List.of());
      }
      case "crash" -> {
        ops.crash(ns, pod, container, body.path("exitCode").asInt(1));
        ex.sendJson(200, body, List.of());
      }
      case "readiness" -> {
        JsonNode pass = body.get("pass");
        ops.readiness(ns, pod, container, pass == null || pass.isNull() ? null : pass.asBoolean());
        ex.sendJson(200, body, List.of());
      }
      default -> throw notFound();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asString(""));
    }
    return out;
  }

  /** {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: plain text, optionally followed. */
  void podLog(Exchange ex, String namespace, String pod) {
    ContainerLog log = ops.log(namespace, pod, ex.param("container"), ex.flag("previous"));
    boolean timestamps = ex.flag("timestamps");
    List<ContainerLog.Line> lines = log.lines();
    String tail = ex.param("tailLines");
    if (tail != null && !tail.isEmpty()) {
      int n = Integer.parseInt(tail);
      if (n >= 0 && n < lines.size()) {
        lines = lines.subList(lines.size() - n, lines.size());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (ContainerLog.Line l : lines) {
      if (timestamps) {
        sb.append(DateTimeFormatter.ISO_INSTANT.format(l.time())).append(' ');
      }
      sb.append(l.text()).append('\n');
    }
    ex.response.setStatus(200);
    ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    ex.response.write(true, ByteBuffer.wrap(bytes), ex.callback);
  }
}
