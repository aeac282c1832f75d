package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.Result;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.openapi.OpenApiDocuments;
import dev.kc.controlplane.protobuf.KubeProtobuf;
import dev.kc.controlplane.protobuf.ProtobufException;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import dev.kc.store.ListResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the Kubernetes REST API: discovery, OpenAPI, health, and the resource verbs. Decodes,
 * calls {@link ObjectService}, encodes; holds no object semantics of its own.
 */
final class ApiHandler extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);
  private static final java.time.format.DateTimeFormatter HTTP_DATE =
      java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC);

  private final ObjectService objects;
  private final Discovery discovery;
  private final OpenApiDocuments openApi;
  private final Authenticator authenticator;
  private final WatchStreams watches;
  private final KcRoutes kc;
  private final String versionJson;
  private volatile boolean ready = true;

  ApiHandler(
      ObjectService objects,
      Discovery discovery,
      OpenApiDocuments openApi,
      Authenticator authenticator,
      WatchStreams watches,
      ClusterOps cluster,
      String gitVersion) {
    this.objects = objects;
    this.kc = cluster == null ? null : new KcRoutes(cluster);
    this.discovery = discovery;
    this.openApi = openApi;
    this.authenticator = authenticator;
    this.watches = watches;
    ObjectNode v = Json.object();
    v.put("major", "1");
    v.put("minor", "32");
    v.put("gitVersion", gitVersion);
    v.put("gitCommit", "kc");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-12-01T00:00:00Z");
    v.put("goVersion", "go1.23.0");
    v.put("compiler", "gc");
    v.put("platform", "linux/amd64");
    this.versionJson = v.toString();
  }

  void setReady(boolean ready) {
    this.ready = ready;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchange ex = new Exchange(request, response, callback);
    // The cluster's own time, virtual or real, so that clients can show ages as the server does.
    response.getHeaders().put(HttpHeader.DATE, HTTP_DATE.format(objects.clock().now()));
    long start = System.nanoTime();
    try {
      if (!authenticator.allows(request)) {
        throw ApiException.unauthorized();
      }
      route(ex);
    } catch (ApiException e) {
      if (log.isDebugEnabled()) {
        log.debug("{} {} => {} {}", ex.method(), ex.path(), e.code(), e.getMessage());
      }
      ex.sendError(e);
    } catch (RuntimeException e) {
      log.error("{} {} failed", ex.method(), ex.path(), e);
      ex.sendError(ApiException.internal(e.toString()));
    } finally {
      if (log.isTraceEnabled()) {
        log.trace("{} {} in {} us", ex.method(), ex.path(), (System.nanoTime() - start) / 1000);
      }
    }
    return true;
  }

  private void route(Exchange ex) {
    String path = ex.path();
    switch (path) {
      case "/version", "/version/" -> {
        ex.sendBytes(
            200, "application/json", versionJson.getBytes(StandardCharsets.UTF_8), List.of());
        return;
      }
      case "/healthz", "/livez" -> {
        ex.sendText(200, "ok");
        return;
      }
      case "/readyz" -> {
        ex.sendText(ready ? 200 : 503, ready ? "ok" : "shutting down");
        return;
      }
      case "/api", "/api/" -> {
        sendDiscovery(ex, discovery.core(Discovery.wantsAggregated(ex.header("Accept"))));
        return;
      }
      case "/apis", "/apis/" -> {
        sendDiscovery(ex, discovery.groups(Discovery.wantsAggregated(ex.header("Accept"))));
        return;
      }
      case "/openapi/v3", "/openapi/v3/" -> {
        ex.sendBytes(200, "application/json", openApi.index(), List.of());
        return;
      }
      default -> {
        // Below.
      }
    }
    if (path.startsWith("/openapi/v3/")) {
      byte[] doc = openApi.document(path.substring("/openapi/v3/".length()));
      if (doc == null) {
        throw ApiException.notFoundPath("the server could not find the requested resource");
      }
      ex.sendBytes(200, "application/json", doc, List.of());
      return;
    }
    List<String> seg = RequestPath.segments(path);
    if (kc != null && seg.size() >= 2 && seg.get(0).equals("kc") && seg.get(1).equals("v1")) {
      kc.serve(ex, seg);
      return;
    }
    if (seg.size() == 2 && seg.get(0).equals("api")) {
      sendObject(ex, discovery.resourceList("", seg.get(1)));
      return;
    }
    if (seg.size() == 2 && seg.get(0).equals("apis")) {
      sendObject(ex, discovery.group(seg.get(1)));
      return;
    }
    if (seg.size() == 3 && seg.get(0).equals("apis")) {
      sendObject(ex, discovery.resourceList(seg.get(1), seg.get(2)));
      return;
    }
    RequestPath rp = RequestPath.parse(path);
    if (rp == null) {
      throw ApiException.notFoundPath("the server could not find the requested resource");
    }
    serveResource(ex, rp);
  }

  private static void sendDiscovery(Exchange ex, byte[] body) {
    boolean aggregated = Discovery.wantsAggregated(ex.header("Accept"));
    ex.sendBytes(200, aggregated ? Discovery.AGGREGATED_TYPE : "application/json", body, List.of());
  }

  private static void sendObject(Exchange ex, ObjectNode body) {
    if (body == null) {
      throw ApiException.notFoundPath("the server could not find the requested resource");
    }
    ex.sendJson(200, body, List.of());
  }

  // ---- resources --------------------------------------------------------------------------

  private void serveResource(Exchange ex, RequestPath rp) {
    ResourceType type =
        objects
            .registry()
            .byResource(rp.group(), rp.version(), rp.plural())
            .orElseThrow(
                () ->
                    ApiException.notFoundPath("the server could not find the requested resource"));
    if (rp.namespace() != null && !type.namespaced()) {
      throw ApiException.notFoundPath("the server could not find the requested resource");
    }
    if ("log".equals(rp.subresource()) && type.kind().equals("Pod") && kc != null) {
      if (!ex.method().equals("GET")) {
        throw ApiException.methodNotAllowed(
            "the server does not allow this method on the requested resource");
      }
      objects.getEntry(type, rp.namespace(), rp.name());
      kc.podLog(ex, rp.namespace(), rp.name());
      return;
    }
    if (rp.subresource() != null && !type.subresources().contains(rp.subresource())) {
      throw ApiException.notFoundPath("the server could not find the requested resource");
    }
    if (type.namespaced() && rp.namespace() == null && rp.name() != null) {
      throw ApiException.notFoundPath("the server could not find the requested resource");
    }
    String method = ex.method();
    boolean watch = rp.legacyWatch() || ex.flag("watch");
    switch (method) {
      case "GET" -> {
        if (rp.name() == null) {
          if (watch) {
            watches.start(ex, type, rp, objects);
          } else {
            list(ex, type, rp);
          }
        } else if ("scale".equals(rp.subresource())) {
          Entry e = objects.getEntry(type, rp.namespace(), rp.name());
          ex.sendJson(200, Scales.of(type, Json.decode(e.value())), List.of());
        } else {
          get(ex, type, rp);
        }
      }
      case "POST" -> {
        if (rp.name() != null) {
          throw ApiException.methodNotAllowed(
              "the server does not allow this method on the requested resource");
        }
        Result r =
            objects.create(
                type, rp.version(), namespaceOf(type, rp), readObject(ex), writeOptions(ex));
        ex.sendJson(201, r.object(), r.warnings());
      }
      case "PUT" -> {
        requireName(rp);
        if ("scale".equals(rp.subresource())) {
          ObjectNode scale = readObject(ex);
          ObjectNode stored =
              Scales.update(
                  objects, type, rp.namespace(), rp.name(), current -> scale, writeOptions(ex));
          ex.sendJson(200, stored, List.of());
          return;
        }
        Result r =
            objects.update(
                type,
                rp.version(),
                rp.namespace(),
                rp.name(),
                rp.subresource(),
                readObject(ex),
                writeOptions(ex));
        ex.sendJson(200, r.object(), r.warnings());
      }
      case "PATCH" -> {
        requireName(rp);
        byte[] body = ex.body();
        String contentType = ex.header("Content-Type");
        if ("scale".equals(rp.subresource())) {
          ObjectNode stored =
              Scales.patch(
                  objects, type, rp.namespace(), rp.name(), contentType, body, writeOptions(ex));
          ex.sendJson(200, stored, List.of());
          return;
        }
        Result r =
            objects.patch(
                type,
                rp.version(),
                rp.namespace(),
                rp.name(),
                rp.subresource(),
                contentType,
                body,
                writeOptions(ex));
        ex.sendJson(r.created() ? 201 : 200, r.object(), r.warnings());
      }
      case "DELETE" -> {
        DeleteOptions opts = deleteOptions(ex);
        if (rp.name() == null) {
          Selectors sel =
              Selectors.parse(type, ex.param("labelSelector"), ex.param("fieldSelector"));
          List<ObjectNode> deleted =
              objects.deleteCollection(type, rp.version(), namespaceOf(type, rp), sel, opts);
          ex.sendJson(200, listOf(type, rp.version(), deleted), List.of());
          return;
        }
        Result r = objects.delete(type, rp.version(), rp.namespace(), rp.name(), opts);
        // 202 while the object lingers (finalizers, a pod's grace period); 200 once it is gone.
        boolean pending = !Json.at(r.object(), "metadata", "deletionTimestamp").isMissingNode();
        ex.sendJson(pending ? 202 : 200, r.object(), r.warnings());
      }
      default ->
          throw ApiException.methodNotAllowed(
              "the server does not allow this method on the requested resource");
    }
  }

  private static void requireName(RequestPath rp) {
    if (rp.name() == null) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
  }

  private static String namespaceOf(ResourceType type, RequestPath rp) {
    if (!type.namespaced()) {
      return "";
    }
    return rp.namespace();
  }

  private void get(Exchange ex, ResourceType type, RequestPath rp) {
    Entry e = objects.getEntry(type, rp.namespace(), rp.name());
    if (Tables.wanted(ex.header("Accept"))) {
      ObjectNode stored = Json.decode(e.value());
      ObjectNode served = objects.toVersion(type, rp.version(), stored);
      ObjectNode t =
          Tables.table(
              type.kind(),
              List.of(stored),
              List.of(served),
              Tables.Include.parse(ex.param("includeObject")),
              Long.toString(e.revision()),
              true,
              objects.clock().now());
      ex.sendJson(200, t, List.of());
      return;
    }
    if (rp.version().equals(type.storageVersion())) {
      ex.sendBytes(200, "application/json", e.value(), List.of());
    } else {
      ex.sendJson(200, objects.toVersion(type, rp.version(), Json.decode(e.value())), List.of());
    }
  }

  private void list(Exchange ex, ResourceType type, RequestPath rp) {
    Selectors sel = Selectors.parse(type, ex.param("labelSelector"), ex.param("fieldSelector"));
    ListResult result = objects.list(type, namespaceOf(type, rp), sel);
    List<Entry> entries = result.entries();
    String continueToken = null;
    String from = ex.param("continue");
    if (from != null && !from.isEmpty()) {
      entries = after(entries, decodeContinue(from));
    }
    long limit = parseLimit(ex.param("limit"));
    if (limit > 0 && entries.size() > limit) {
      entries = entries.subList(0, (int) limit);
      Entry last = entries.get(entries.size() - 1);
      continueToken = encodeContinue(last.key().namespace() + "/" + last.key().name());
    }
    String rv = Long.toString(result.revision());
    if (Tables.wanted(ex.header("Accept"))) {
      List<ObjectNode> stored = new ArrayList<>(entries.size());
      List<ObjectNode> served = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        ObjectNode s = Json.decode(e.value());
        stored.add(s);
        served.add(objects.toVersion(type, rp.version(), s));
      }
      ObjectNode t =
          Tables.table(
              type.kind(),
              stored,
              served,
              Tables.Include.parse(ex.param("includeObject")),
              rv,
              true,
              objects.clock().now());
      if (continueToken != null) {
        ((ObjectNode) t.get("metadata")).put("continue", continueToken);
      }
      ex.sendJson(200, t, List.of());
      return;
    }
    ex.sendBytes(
        200,
        "application/json",
        listBytes(type, rp.version(), entries, rv, continueToken),
        List.of());
  }

  /** Writes the list without re-encoding stored objects when no conversion is needed. */
  private byte[] listBytes(
      ResourceType type, String version, List<Entry> entries, String rv, String continueToken) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + entries.size() * 1024);
    ObjectNode meta = Json.object();
    meta.put("resourceVersion", rv);
    if (continueToken != null) {
      meta.put("continue", continueToken);
    }
    String head =
        "{\"kind\":\""
            + type.kind()
            + "List\",\"apiVersion\":\""
            + type.apiVersion(version)
            + "\",\"metadata\":"
            + meta
            + ",\"items\":[";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    boolean first = true;
    boolean convert = !version.equals(type.storageVersion());
    for (Entry e : entries) {
      if (!first) {
        out.write(',');
      }
      first = false;
      out.writeBytes(
          convert
              ? Json.encode(objects.toVersion(type, version, Json.decode(e.value())))
              : e.value());
    }
    out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static ObjectNode listOf(ResourceType type, String version, List<ObjectNode> items) {
    ObjectNode list = Json.object();
    list.put("kind", type.kind() + "List");
    list.put("apiVersion", type.apiVersion(version));
    list.putObject("metadata");
    var arr = list.putArray("items");
    items.forEach(arr::add);
    return list;
  }

  private static List<Entry> after(List<Entry> entries, String position) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      String p = e.key().namespace() + "/" + e.key().name();
      if (p.compareTo(position) > 0) {
        out.add(e);
      }
    }
    return out;
  }

  private static String encodeContinue(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeContinue(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("continue key is not valid: " + e.getMessage());
    }
  }

  private static long parseLimit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(limit);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid limit: " + limit);
    }
  }

  // ---- request decoding -------------------------------------------------------------------

  private static ObjectNode readObject(Exchange ex) {
    byte[] body = ex.body();
    String contentType = ex.header("Content-Type");
    String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    switch (media) {
      case "", "application/json", "*/*" -> {
        return Json.parseObject(body);
      }
      case "application/vnd.kubernetes.protobuf" -> {
        try {
          return KubeProtobuf.decode(body);
        } catch (ProtobufException e) {
          throw ApiException.badRequest(e.getMessage());
        }
      }
      case "application/yaml" -> {
        try {
          JsonNode n = Json.YAML.readTree(body);
          if (n instanceof ObjectNode o) {
            return o;
          }
          throw ApiException.badRequest("the body of the request must be an object");
        } catch (JacksonException e) {
          throw ApiException.badRequest("error converting YAML to JSON: " + Json.brief(e));
        }
      }
      default -> throw ApiException.unsupportedMediaType(contentType);
    }
  }

  private static WriteOptions writeOptions(Exchange ex) {
    String dryRun = ex.param("dryRun");
    if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
      throw ApiException.badRequest("Invalid dry run value: " + dryRun);
    }
    return new WriteOptions(
        "All".equals(dryRun),
        WriteOptions.FieldValidation.parse(ex.param("fieldValidation")),
        ex.param("fieldManager"),
        ex.flag("force"));
  }

  private static DeleteOptions deleteOptions(Exchange ex) {
    byte[] body = ex.body();
    String policy = ex.param("propagationPolicy");
    Long grace = parseGrace(ex.param("gracePeriodSeconds"));
    String uid = null;
    String rv = null;
    boolean dryRun = "All".equals(ex.param("dryRun"));
    if (body.length > 0) {
      ObjectNode opts = Json.parseObject(body);
      if (opts.hasNonNull("propagationPolicy")) {
        policy = opts.get("propagationPolicy").asString();
      } else if (opts.has("orphanDependents")) {
        policy = opts.get("orphanDependents").asBoolean() ? "Orphan" : "Background";
      }
      if (opts.hasNonNull("gracePeriodSeconds")) {
        grace = opts.get("gracePeriodSeconds").asLong();
      }
      JsonNode pre = opts.path("preconditions");
      if (pre.hasNonNull("uid")) {
        uid = pre.get("uid").asString();
      }
      if (pre.hasNonNull("resourceVersion")) {
        rv = pre.get("resourceVersion").asString();
      }
      for (JsonNode d : opts.path("dryRun")) {
        dryRun |= d.asString("").equals("All");
      }
    }
    if (policy != null && !List.of("Background", "Foreground", "Orphan").contains(policy)) {
      throw ApiException.badRequest(
          "propagationPolicy: Unsupported value: \""
              + policy
              + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    }
    return new DeleteOptions(policy, grace, uid, rv, dryRun);
  }

  private static Long parseGrace(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid gracePeriodSeconds: " + value);
    }
  }
}
