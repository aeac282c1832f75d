package dev.kc.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.HumanDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An in-memory stand-in for a Kubernetes API server, good enough for kc's (and kubectl's) client
 * side: aggregated discovery, Tables, CRUD with {@code Status} errors, merge patch, selectors and
 * chunked watch streams. Answers use Kubernetes' exact shapes and content types.
 *
 * <p>Time is fixed ({@link #now}) so that AGE cells are deterministic. Every request is recorded
 * for assertions. Watches get the events of later writes; {@link #onWatch} lets a test script what
 * a watch sees, so tests never sleep.
 */
public final class FakeApiServer implements AutoCloseable {

  /** One served resource type. */
  public record Resource(
      String group,
      String version,
      String plural,
      String singular,
      String kind,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories) {

    String key() {
      return group + "/" + plural;
    }

    String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  /** A request as received. */
  public record Request(
      String method,
      String path,
      String query,
      String accept,
      String contentType,
      String authorization,
      String body) {

    /** Path plus query, as kubectl's logs show it. */
    public String uri() {
      return query == null ? path : path + "?" + query;
    }
  }

  /** Lets a test feed one watch stream. */
  public interface WatchHandle {
    /** Sends one event ({@code ADDED}, {@code MODIFIED}, {@code DELETED}...). */
    void send(String type, Map<String, Object> object);

    /** The query of the watch request. */
    Map<String, String> query();
  }

  /** The fixed "now" used for AGE cells and creation timestamps. */
  public final Instant now = Instant.parse("2026-01-01T12:00:00Z");

  private final HttpServer server;
  private final boolean https;
  private final List<Resource> resources = new ArrayList<>();
  private final Map<String, Map<String, Map<String, Object>>> store = new LinkedHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final Map<String, Consumer<WatchHandle>> watchScripts = new LinkedHashMap<>();
  private final Map<String, Integer> failures = new LinkedHashMap<>();
  private long resourceVersion = 100;
  private boolean legacyDiscovery;

  private FakeApiServer(HttpServer server, boolean https) {
    this.server = server;
    this.https = https;
    addDefaultResources();
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-api");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  /** Starts a plain HTTP server on an ephemeral loopback port. */
  public static FakeApiServer http() throws IOException {
    return new FakeApiServer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), false);
  }

  /** Starts an HTTPS server whose certificate is {@link #caPem()}. */
  public static FakeApiServer https() throws Exception {
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = FakeApiServer.class.getResourceAsStream("/tls/server.p12")) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    return new FakeApiServer(s, true);
  }

  /** The PEM of the certificate the HTTPS server presents (self-signed, so also the CA). */
  public static String caPem() throws IOException {
    try (InputStream in = FakeApiServer.class.getResourceAsStream("/tls/ca.pem")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The server URL, e.g. {@code https://127.0.0.1:43210}. */
  public String url() {
    return (https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The port. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    for (Watcher w : watchers) {
      w.close();
    }
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  // ---- test controls ----

  /** Serves the pre-1.26 discovery documents instead of aggregated discovery. */
  public FakeApiServer useLegacyDiscovery() {
    legacyDiscovery = true;
    return this;
  }

  /** Adds a resource type to discovery. */
  public FakeApiServer addResource(Resource r) {
    resources.add(r);
    return this;
  }

  /** Requests received so far. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Requests other than discovery ({@code /api}, {@code /apis}). */
  public List<Request> apiRequests() {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (!r.path().equals("/api") && !r.path().equals("/apis")) {
        out.add(r);
      }
    }
    return out;
  }

  /** Makes the next {@code method} request whose path starts with {@code prefix} fail. */
  public FakeApiServer failNext(String method, String prefix, int code) {
    failures.put(method + " " + prefix, code);
    return this;
  }

  /**
   * Scripts the next watch on resource {@code plural}: the handler runs when the watch starts and
   * the stream ends when it returns.
   */
  public FakeApiServer onWatch(String plural, Consumer<WatchHandle> script) {
    watchScripts.put(plural, script);
    return this;
  }

  /** Stores an object as if created {@code age} ago; returns the stored object. */
  public synchronized Map<String, Object> put(Map<String, Object> obj, Duration age) {
    Resource r = forKind(Json.str(obj, "apiVersion"), Json.str(obj, "kind"));
    Map<String, Object> copy = Json.copy(obj);
    Map<String, Object> meta = Json.child(copy, "metadata");
    if (r.namespaced() && meta.get("namespace") == null) {
      meta.put("namespace", "default");
    }
    meta.putIfAbsent(
        "uid",
        UUID.nameUUIDFromBytes(
                (r.key() + meta.get("namespace") + meta.get("name"))
                    .getBytes(StandardCharsets.UTF_8))
            .toString());
    meta.put("creationTimestamp", now.minus(age).toString());
    meta.put("resourceVersion", Long.toString(++resourceVersion));
    bucket(r).put(key(Json.str(meta, "namespace"), Json.str(meta, "name")), copy);
    return copy;
  }

  /** The stored object, or {@code null}. */
  public synchronized Map<String, Object> get(String plural, String ns, String name) {
    return bucket(byPlural(plural)).get(key(ns, name));
  }

  /** Removes an object and tells watchers. */
  public synchronized void remove(String plural, String ns, String name) {
    Resource r = byPlural(plural);
    Map<String, Object> old = bucket(r).remove(key(ns, name));
    if (old != null) {
      notifyWatchers(r, "DELETED", old);
    }
  }

  /** A minimal object of a kind with the given name and labels (label pairs k1, v1, ...). */
  public static Map<String, Object> object(
      String apiVersion, String kind, String name, String... labels) {
    Map<String, Object> obj = new LinkedHashMap<>();
    obj.put("apiVersion", apiVersion);
    obj.put("kind", kind);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    if (labels.length > 0) {
      Map<String, Object> l = new LinkedHashMap<>();
      for (int i = 0; i + 1 < labels.length; i += 2) {
        l.put(labels[i], labels[i + 1]);
      }
      meta.put("labels", l);
    }
    obj.put("metadata", meta);
    return obj;
  }

  // ---- request handling ----

  private void handle(HttpExchange ex) throws IOException {
    try {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request req =
          new Request(
              ex.getRequestMethod(),
              ex.getRequestURI().getRawPath(),
              ex.getRequestURI().getRawQuery(),
              ex.getRequestHeaders().getFirst("Accept"),
              ex.getRequestHeaders().getFirst("Content-Type"),
              ex.getRequestHeaders().getFirst("Authorization"),
              body);
      requests.add(req);
      Integer fail = takeFailure(req);
      if (fail != null) {
        sendStatus(ex, fail, reasonFor(fail), "injected failure");
        return;
      }
      route(ex, req);
    } catch (RuntimeException e) {
      sendStatus(ex, 500, "InternalError", String.valueOf(e));
    } finally {
      ex.close();
    }
  }

  private synchronized Integer takeFailure(Request req) {
    for (Map.Entry<String, Integer> f : failures.entrySet()) {
      String[] parts = f.getKey().split(" ", 2);
      if (parts[0].equals(req.method()) && req.path().startsWith(parts[1])) {
        failures.remove(f.getKey());
        return f.getValue();
      }
    }
    return null;
  }

  private void route(HttpExchange ex, Request req) throws IOException {
    String path = req.path();
    switch (path) {
      case "/version":
        sendJson(
            ex,
            200,
            Json.parse(
                "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":"
                    + "\"v1.32.0\",\"platform\":\"linux/amd64\"}"),
            "application/json");
        return;
      case "/readyz":
      case "/healthz":
      case "/livez":
        send(ex, 200, "ok", "text/plain");
        return;
      case "/api":
        discovery(ex, true);
        return;
      case "/apis":
        discovery(ex, false);
        return;
      default:
    }
    if (legacyDiscovery && legacyResourceList(ex, path)) {
      return;
    }
    Target t = parsePath(path);
    if (t == null) {
      send(ex, 404, "404 page not found", "text/plain");
      return;
    }
    Map<String, String> q = parseQuery(req.query());
    switch (req.method()) {
      case "GET":
        if (t.name == null && "true".equals(q.get("watch"))) {
          watch(ex, req, t, q);
        } else if (t.name == null) {
          list(ex, req, t, q);
        } else {
          getOne(ex, req, t);
        }
        return;
      case "POST":
        create(ex, req, t);
        return;
      case "PATCH":
        patch(ex, req, t);
        return;
      case "PUT":
        replace(ex, req, t);
        return;
      case "DELETE":
        delete(ex, req, t);
        return;
      default:
        sendStatus(ex, 405, "MethodNotAllowed", "method not allowed");
    }
  }

  /** A parsed resource path. */
  private record Target(Resource resource, String namespace, String name) {}

  private Target parsePath(String path) {
    String[] p = path.substring(1).split("/");
    int i;
    String group;
    String version;
    if (p.length >= 2 && p[0].equals("api")) {
      group = "";
      version = p[1];
      i = 2;
    } else if (p.length >= 3 && p[0].equals("apis")) {
      group = p[1];
      version = p[2];
      i = 3;
    } else {
      return null;
    }
    String ns = null;
    if (p.length > i + 2 && p[i].equals("namespaces")) {
      ns = decode(p[i + 1]);
      i += 2;
    }
    if (p.length <= i) {
      return null;
    }
    String plural = p[i];
    String name = p.length > i + 1 ? decode(p[i + 1]) : null;
    if (p.length > i + 2) {
      return null;
    }
    for (Resource r : resources) {
      if (r.group().equals(group) && r.version().equals(version) && r.plural().equals(plural)) {
        return new Target(r, r.namespaced() ? ns : null, name);
      }
    }
    // "namespaces/x" itself is the cluster-scoped namespaces resource.
    return null;
  }

  private void discovery(HttpExchange ex, boolean core) throws IOException {
    if (legacyDiscovery) {
      if (core) {
        sendJson(
            ex,
            200,
            Json.parse("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}"),
            "application/json");
      } else {
        List<Object> groups = new ArrayList<>();
        Map<String, List<String>> versions = new LinkedHashMap<>();
        for (Resource r : resources) {
          if (!r.group().isEmpty()) {
            List<String> vs = versions.computeIfAbsent(r.group(), g -> new ArrayList<>());
            if (!vs.contains(r.version())) {
              vs.add(r.version());
            }
          }
        }
        for (Map.Entry<String, List<String>> e : versions.entrySet()) {
          Map<String, Object> g = new LinkedHashMap<>();
          g.put("name", e.getKey());
          List<Object> vs = new ArrayList<>();
          for (String v : e.getValue()) {
            vs.add(Map.of("groupVersion", e.getKey() + "/" + v, "version", v));
          }
          g.put("versions", vs);
          g.put("preferredVersion", vs.get(0));
          groups.add(g);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("kind", "APIGroupList");
        doc.put("apiVersion", "v1");
        doc.put("groups", groups);
        sendJson(ex, 200, doc, "application/json");
      }
      return;
    }
    Map<String, Map<String, List<Object>>> byGroup = new LinkedHashMap<>();
    for (Resource r : resources) {
      if (core != r.group().isEmpty()) {
        continue;
      }
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("resource", r.plural());
      res.put("responseKind", Map.of("group", r.group(), "version", r.version(), "kind", r.kind()));
      res.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
      res.put("singularResource", r.singular());
      res.put(
          "verbs",
          List.of(
              "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"));
      if (!r.shortNames().isEmpty()) {
        res.put("shortNames", r.shortNames());
      }
      if (!r.categories().isEmpty()) {
        res.put("categories", r.categories());
      }
      byGroup
          .computeIfAbsent(r.group(), g -> new LinkedHashMap<>())
          .computeIfAbsent(r.version(), v -> new ArrayList<>())
          .add(res);
    }
    List<Object> items = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Object>>> g : byGroup.entrySet()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("metadata", g.getKey().isEmpty() ? Map.of() : Map.of("name", g.getKey()));
      List<Object> versions = new ArrayList<>();
      for (Map.Entry<String, List<Object>> v : g.getValue().entrySet()) {
        versions.add(
            Map.of("version", v.getKey(), "resources", v.getValue(), "freshness", "Current"));
      }
      item.put("versions", versions);
      items.add(item);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIGroupDiscoveryList");
    doc.put("apiVersion", "apidiscovery.k8s.io/v2");
    doc.put("metadata", Map.of());
    doc.put("items", items);
    sendJson(ex, 200, doc, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
  }

  private boolean legacyResourceList(HttpExchange ex, String path) throws IOException {
    String[] p = path.substring(1).split("/");
    String group;
    String version;
    if (p.length == 2 && p[0].equals("api")) {
      group = "";
      version = p[1];
    } else if (p.length == 3 && p[0].equals("apis")) {
      group = p[1];
      version = p[2];
    } else {
      return false;
    }
    List<Object> list = new ArrayList<>();
    for (Resource r : resources) {
      if (r.group().equals(group) && r.version().equals(version)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.plural());
        m.put("singularName", r.singular());
        m.put("namespaced", r.namespaced());
        m.put("kind", r.kind());
        m.put("verbs", List.of("get", "list"));
        m.put("shortNames", r.shortNames());
        m.put("categories", r.categories());
        list.add(m);
        list.add(
            Map.of("name", r.plural() + "/status", "namespaced", r.namespaced(), "kind", r.kind()));
      }
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIResourceList");
    doc.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    doc.put("resources", list);
    sendJson(ex, 200, doc, "application/json");
    return true;
  }

  private void getOne(HttpExchange ex, Request req, Target t) throws IOException {
    Map<String, Object> obj;
    synchronized (this) {
      obj = bucket(t.resource()).get(key(t.namespace(), t.name()));
    }
    if (obj == null) {
      notFound(ex, t);
      return;
    }
    if (wantsTable(req)) {
      sendJson(ex, 200, table(t.resource(), List.of(obj), true), "application/json");
    } else {
      sendJson(ex, 200, obj, "application/json");
    }
  }

  private void list(HttpExchange ex, Request req, Target t, Map<String, String> q)
      throws IOException {
    List<Map<String, Object>> items = matching(t, q);
    if (wantsTable(req)) {
      Map<String, Object> table = table(t.resource(), items, true);
      sendJson(ex, 200, table, "application/json");
      return;
    }
    List<Object> stripped = new ArrayList<>();
    for (Map<String, Object> o : items) {
      Map<String, Object> c = Json.copy(o);
      c.remove("kind");
      c.remove("apiVersion");
      stripped.add(c);
    }
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("kind", t.resource().kind() + "List");
    list.put("apiVersion", t.resource().apiVersion());
    list.put("metadata", Map.of("resourceVersion", currentRv()));
    list.put("items", stripped);
    sendJson(ex, 200, list, "application/json");
  }

  private synchronized String currentRv() {
    return Long.toString(resourceVersion);
  }

  private synchronized List<Map<String, Object>> matching(Target t, Map<String, String> q) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> o : new TreeMap<>(bucket(t.resource())).values()) {
      if (t.namespace() != null && !t.namespace().equals(Json.str(o, "metadata", "namespace"))) {
        continue;
      }
      if (matchesLabels(o, q.get("labelSelector")) && matchesFields(o, q.get("fieldSelector"))) {
        out.add(o);
      }
    }
    return out;
  }

  private void create(HttpExchange ex, Request req, Target t) throws IOException {
    Map<String, Object> obj = Json.obj(Json.parse(req.body()));
    Map<String, Object> meta = Json.child(obj, "metadata");
    String bodyNs = Json.str(meta, "namespace");
    if (t.resource().namespaced()) {
      if (bodyNs != null && !bodyNs.equals(t.namespace())) {
        sendStatus(
            ex,
            400,
            "BadRequest",
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
        return;
      }
      meta.put("namespace", t.namespace());
    }
    String name = Json.str(meta, "name");
    Map<String, Object> stored;
    synchronized (this) {
      if (bucket(t.resource()).containsKey(key(t.namespace(), name))) {
        sendStatus(
            ex,
            409,
            "AlreadyExists",
            qualified(t.resource()) + " \"" + name + "\" already exists",
            name,
            t.resource());
        return;
      }
      meta.put("uid", UUID.randomUUID().toString());
      meta.put("creationTimestamp", now.toString());
      meta.put("resourceVersion", Long.toString(++resourceVersion));
      meta.put("generation", 1L);
      bucket(t.resource()).put(key(t.namespace(), name), obj);
      stored = Json.copy(obj);
      notifyWatchers(t.resource(), "ADDED", stored);
    }
    sendJson(ex, 201, stored, "application/json");
  }

  private void patch(HttpExchange ex, Request req, Target t) throws IOException {
    boolean strategic = "application/strategic-merge-patch+json".equals(req.contentType());
    if (!strategic && !"application/merge-patch+json".equals(req.contentType())) {
      sendStatus(
          ex,
          415,
          "UnsupportedMediaType",
          "the body of the request was in an unknown"
              + " format - accepted media types include: application/merge-patch+json");
      return;
    }
    Map<String, Object> updated;
    synchronized (this) {
      Map<String, Object> obj = bucket(t.resource()).get(key(t.namespace(), t.name()));
      if (obj == null) {
        notFound(ex, t);
        return;
      }
      Object merged =
          strategic
              ? strategicPatch(obj, req.body())
              : mergePatch(Json.copy(obj), Json.parse(req.body()));
      updated = Json.obj(merged);
      Json.child(updated, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
      bucket(t.resource()).put(key(t.namespace(), t.name()), updated);
      notifyWatchers(t.resource(), "MODIFIED", updated);
    }
    sendJson(ex, 200, updated, "application/json");
  }

  /** Applies a strategic merge patch with the api module's implementation. */
  private static Object strategicPatch(Map<String, Object> obj, String body) {
    tools.jackson.databind.json.JsonMapper m =
        tools.jackson.databind.json.JsonMapper.builder().build();
    tools.jackson.databind.JsonNode original = m.readTree(Json.compact(obj));
    tools.jackson.databind.JsonNode result =
        dev.kc.api.patch.StrategicMergePatch.apply(
            original, m.readTree(body), dev.kc.api.patch.PatchMeta.forObject(original));
    return Json.parse(result.toString());
  }

  private void replace(HttpExchange ex, Request req, Target t) throws IOException {
    Map<String, Object> obj = Json.obj(Json.parse(req.body()));
    synchronized (this) {
      if (!bucket(t.resource()).containsKey(key(t.namespace(), t.name()))) {
        notFound(ex, t);
        return;
      }
      Json.child(obj, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
      bucket(t.resource()).put(key(t.namespace(), t.name()), obj);
    }
    sendJson(ex, 200, obj, "application/json");
  }

  private void delete(HttpExchange ex, Request req, Target t) throws IOException {
    Map<String, Object> obj;
    synchronized (this) {
      obj = bucket(t.resource()).get(key(t.namespace(), t.name()));
      if (obj == null) {
        notFound(ex, t);
        return;
      }
      List<Object> finalizers = Json.arr(obj, "metadata", "finalizers");
      if (finalizers != null && !finalizers.isEmpty()) {
        Json.child(obj, "metadata").put("deletionTimestamp", now.toString());
        Json.child(obj, "metadata").put("resourceVersion", Long.toString(++resourceVersion));
        notifyWatchers(t.resource(), "MODIFIED", obj);
      } else {
        bucket(t.resource()).remove(key(t.namespace(), t.name()));
        notifyWatchers(t.resource(), "DELETED", obj);
      }
    }
    sendJson(ex, 200, obj, "application/json");
  }

  private void watch(HttpExchange ex, Request req, Target t, Map<String, String> q)
      throws IOException {
    boolean table = wantsTable(req);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    Watcher w = new Watcher(t, q, table, out);
    Consumer<WatchHandle> script;
    synchronized (this) {
      script = watchScripts.remove(t.resource().plural());
    }
    if (script != null) {
      script.accept(w);
      w.close();
      return;
    }
    watchers.add(w);
    w.awaitClose();
    watchers.remove(w);
  }

  /** Ends every open (unscripted) watch stream. */
  public void endWatches() {
    for (Watcher w : watchers) {
      w.close();
    }
  }

  private void notifyWatchers(Resource r, String type, Map<String, Object> obj) {
    for (Watcher w : watchers) {
      if (w.target.resource().equals(r)) {
        w.maybeSend(type, obj);
      }
    }
  }

  /** One open watch stream. */
  private final class Watcher implements WatchHandle {
    final Target target;
    final Map<String, String> query;
    final boolean table;
    final OutputStream out;
    private boolean closed;

    Watcher(Target target, Map<String, String> query, boolean table, OutputStream out) {
      this.target = target;
      this.query = query;
      this.table = table;
      this.out = out;
    }

    @Override
    public Map<String, String> query() {
      return query;
    }

    void maybeSend(String type, Map<String, Object> obj) {
      if (target.namespace() != null
          && !target.namespace().equals(Json.str(obj, "metadata", "namespace"))) {
        return;
      }
      if (matchesLabels(obj, query.get("labelSelector"))
          && matchesFields(obj, query.get("fieldSelector"))) {
        send(type, obj);
      }
    }

    @Override
    public synchronized void send(String type, Map<String, Object> obj) {
      if (closed) {
        return;
      }
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("type", type);
      Map<String, Object> t = table(target.resource(), List.of(obj), false);
      ev.put("object", table ? t : obj);
      try {
        out.write((Json.compact(ev) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        closed = true;
        notifyAll();
      }
    }

    synchronized void close() {
      closed = true;
      notifyAll();
    }

    synchronized void awaitClose() {
      while (!closed) {
        try {
          wait();
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  // ---- tables ----

  private static boolean wantsTable(Request req) {
    return req.accept() != null && req.accept().contains("as=Table");
  }

  private Map<String, Object> table(
      Resource r, List<Map<String, Object>> objs, boolean withColumns) {
    List<Object> columns = new ArrayList<>();
    column(columns, "Name", "string", "name", 0);
    List<Object> customColumns = objs.isEmpty() ? null : Json.arr(objs.get(0), "tableColumns");
    if (customColumns != null) {
      // Test hook: the first object may define the extra columns (name:type pairs).
      for (Object c : customColumns) {
        String[] nt = String.valueOf(c).split(":");
        column(columns, nt[0], nt[1], "", 0);
      }
    }
    switch (customColumns != null ? "" : r.plural()) {
      case "pods":
        column(columns, "Ready", "string", "", 0);
        column(columns, "Status", "string", "", 0);
        column(columns, "Restarts", "string", "", 0);
        column(columns, "Age", "string", "", 0);
        column(columns, "IP", "string", "", 1);
        column(columns, "Node", "string", "", 1);
        break;
      case "deployments":
        column(columns, "Ready", "string", "", 0);
        column(columns, "Up-to-date", "integer", "", 0);
        column(columns, "Available", "integer", "", 0);
        column(columns, "Age", "string", "", 0);
        column(columns, "Containers", "string", "", 1);
        break;
      default:
        column(columns, "Age", "string", "", 0);
    }
    List<Object> rows = new ArrayList<>();
    for (Map<String, Object> o : objs) {
      List<Object> cells = new ArrayList<>();
      cells.add(Json.str(o, "metadata", "name"));
      String age = HumanDuration.since(Json.str(o, "metadata", "creationTimestamp"), now);
      List<Object> custom = Json.arr(o, "tableCells");
      if (custom != null) {
        // Test hook: an object may carry the exact cells its row should have.
        cells.addAll(custom);
      }
      switch (custom != null ? "" : r.plural()) {
        case "pods":
          cells.add("1/1");
          String phase = Json.str(o, "status", "phase");
          cells.add(phase == null ? "Pending" : phase);
          cells.add("0");
          cells.add(age);
          cells.add(Json.str(o, "status", "podIP"));
          cells.add(Json.str(o, "spec", "nodeName"));
          break;
        case "deployments":
          Object replicas = Json.at(o, "spec", "replicas");
          Object ready = Json.at(o, "status", "readyReplicas");
          cells.add((ready == null ? 0 : ready) + "/" + (replicas == null ? 1 : replicas));
          Object upd = Json.at(o, "status", "updatedReplicas");
          cells.add(upd == null ? 0L : upd);
          Object avail = Json.at(o, "status", "availableReplicas");
          cells.add(avail == null ? 0L : avail);
          cells.add(age);
          cells.add("app");
          break;
        default:
          cells.add(age);
      }
      Map<String, Object> meta = new LinkedHashMap<>();
      for (String k :
          List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp", "labels")) {
        Object v = Json.at(o, "metadata", k);
        if (v != null) {
          meta.put(k, v);
        }
      }
      Map<String, Object> rowObj = new LinkedHashMap<>();
      rowObj.put("kind", "PartialObjectMetadata");
      rowObj.put("apiVersion", "meta.k8s.io/v1");
      rowObj.put("metadata", meta);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cells", cells);
      row.put("object", rowObj);
      rows.add(row);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("kind", "Table");
    t.put("apiVersion", "meta.k8s.io/v1");
    t.put("metadata", Map.of("resourceVersion", currentRv()));
    if (withColumns) {
      t.put("columnDefinitions", columns);
    }
    t.put("rows", rows);
    return t;
  }

  private static void column(
      List<Object> cols, String name, String type, String format, int priority) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("type", type);
    c.put("format", format);
    c.put("description", name + " of the object");
    c.put("priority", (long) priority);
    cols.add(c);
  }

  // ---- helpers ----

  private static boolean matchesLabels(Map<String, Object> obj, String selector) {
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    Map<String, Object> labels = Json.obj(obj, "metadata", "labels");
    for (String term : selector.split(",")) {
      String[] kv = term.split("=", 2);
      Object v = labels == null ? null : labels.get(kv[0]);
      if (kv.length == 1 ? v == null : !kv[1].equals(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesFields(Map<String, Object> obj, String selector) {
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    for (String term : selector.split(",")) {
      String[] kv = term.split("=", 2);
      Object v = Json.at(obj, kv[0].split("\\."));
      String actual = v == null ? "" : String.valueOf(v);
      if (!actual.equals(kv.length > 1 ? kv[1] : "")) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Object mergePatch(Object target, Object patch) {
    if (!(patch instanceof Map)) {
      return patch;
    }
    Map<String, Object> t =
        target instanceof Map ? (Map<String, Object>) target : new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : ((Map<String, Object>) patch).entrySet()) {
      if (e.getValue() == null) {
        t.remove(e.getKey());
      } else {
        t.put(e.getKey(), mergePatch(t.get(e.getKey()), e.getValue()));
      }
    }
    return t;
  }

  private Map<String, Map<String, Object>> bucket(Resource r) {
    return store.computeIfAbsent(r.key(), k -> new LinkedHashMap<>());
  }

  private static String key(String ns, String name) {
    return (ns == null ? "" : ns) + "/" + name;
  }

  private Resource byPlural(String plural) {
    for (Resource r : resources) {
      if (r.plural().equals(plural)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no resource " + plural);
  }

  private Resource forKind(String apiVersion, String kind) {
    for (Resource r : resources) {
      if (r.kind().equals(kind) && r.apiVersion().equals(apiVersion)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no kind " + apiVersion + " " + kind);
  }

  private static String qualified(Resource r) {
    return r.group().isEmpty() ? r.plural() : r.plural() + "." + r.group();
  }

  private void notFound(HttpExchange ex, Target t) throws IOException {
    sendStatus(
        ex,
        404,
        "NotFound",
        qualified(t.resource()) + " \"" + t.name() + "\" not found",
        t.name(),
        t.resource());
  }

  private static String reasonFor(int code) {
    switch (code) {
      case 403:
        return "Forbidden";
      case 404:
        return "NotFound";
      case 409:
        return "Conflict";
      case 422:
        return "Invalid";
      default:
        return "InternalError";
    }
  }

  private void sendStatus(HttpExchange ex, int code, String reason, String message)
      throws IOException {
    sendStatus(ex, code, reason, message, null, null);
  }

  private void sendStatus(
      HttpExchange ex, int code, String reason, String message, String name, Resource r)
      throws IOException {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("metadata", Map.of());
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    if (name != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("name", name);
      if (!r.group().isEmpty()) {
        details.put("group", r.group());
      }
      details.put("kind", r.plural());
      status.put("details", details);
    }
    status.put("code", (long) code);
    sendJson(ex, code, status, "application/json");
  }

  private static void sendJson(HttpExchange ex, int code, Object body, String contentType)
      throws IOException {
    send(ex, code, Json.compact(body), contentType);
  }

  private static void send(HttpExchange ex, int code, String body, String contentType)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }

  private static Map<String, String> parseQuery(String q) {
    Map<String, String> out = new LinkedHashMap<>();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      out.put(
          decode(eq < 0 ? part : part.substring(0, eq)),
          eq < 0 ? "" : decode(part.substring(eq + 1)));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private void addDefaultResources() {
    List<String> none = List.of();
    List<String> all = List.of("all");
    resources.add(new Resource("", "v1", "pods", "pod", "Pod", true, List.of("po"), all));
    resources.add(
        new Resource("", "v1", "services", "service", "Service", true, List.of("svc"), all));
    resources.add(
        new Resource("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), none));
    resources.add(new Resource("", "v1", "nodes", "node", "Node", false, List.of("no"), none));
    resources.add(new Resource("", "v1", "events", "event", "Event", true, List.of("ev"), none));
    resources.add(
        new Resource("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), none));
    resources.add(
        new Resource(
            "apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), all));
    resources.add(
        new Resource(
            "apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), all));
    resources.add(
        new Resource(
            "autoscaling",
            "v2",
            "horizontalpodautoscalers",
            "horizontalpodautoscaler",
            "HorizontalPodAutoscaler",
            true,
            List.of("hpa"),
            all));
    resources.add(
        new Resource(
            "autoscaling",
            "v1",
            "horizontalpodautoscalers",
            "horizontalpodautoscaler",
            "HorizontalPodAutoscaler",
            true,
            List.of("hpa"),
            all));
    resources.add(
        new Resource("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"), none));
  }

  /**
   * Runs the server standalone for comparing kc with kubectl by hand and for start-up measurements.
   * Arguments: {@code [--https] [--home DIR [--socket]]}; with {@code --home}, DIR gets a kc-style
   * {@code kubeconfig} and a {@code daemon.json} naming this process, so kc treats the server as
   * its running daemon; {@code --socket} (HTTP only) also serves it on {@code DIR/kc.sock} and
   * advertises that in daemon.json.
   */
  public static void main(String[] args) throws Exception {
    boolean tls = java.util.Arrays.asList(args).contains("--https");
    int homeAt = java.util.Arrays.asList(args).indexOf("--home");
    FakeApiServer s = tls ? https() : http();
    if (homeAt >= 0) {
      java.nio.file.Path home = java.nio.file.Path.of(args[homeAt + 1]);
      java.nio.file.Files.createDirectories(home);
      java.nio.file.Files.writeString(
          home.resolve("kubeconfig"), Kc.kubeconfig(s.url(), "default", "bench-token"));
      String socket = "";
      if (java.util.Arrays.asList(args).contains("--socket") && !tls) {
        java.nio.file.Path sock = home.resolve("kc.sock");
        new UnixSocketProxy(sock, s.port());
        socket = ", \"socket\": \"" + sock + "\"";
      }
      java.nio.file.Files.writeString(
          home.resolve("daemon.json"),
          "{\"pid\": "
              + ProcessHandle.current().pid()
              + ", \"port\": "
              + s.port()
              + ", \"url\": \""
              + s.url()
              + "\""
              + socket
              + "}");
    }
    s.put(object("apps/v1", "Deployment", "web", "app", "web"), Duration.ofMinutes(5));
    s.put(object("v1", "Pod", "web-1", "app", "web", "tier", "frontend"), Duration.ofSeconds(42));
    s.put(object("v1", "Pod", "web-2", "app", "web"), Duration.ofHours(3));
    Map<String, Object> cm = object("v1", "ConfigMap", "odd");
    cm.put(
        "tableColumns",
        List.of(
            "Null:string",
            "Float:number",
            "Bool:boolean",
            "List:string",
            "Map:string",
            "Int:integer",
            "Empty:string"));
    cm.put("tableCells", Json.parse("[null, 1.5, true, [\"a\", 2], {\"k\": \"v\"}, 7, \"\"]"));
    s.put(cm, Duration.ofDays(3));
    s.addResource(
        new Resource(
            "example.com", "v1", "widgets", "widget", "Widget", true, List.of("wd"), List.of()));
    Map<String, Object> w = object("example.com/v1", "Widget", "gizmo", "app", "web");
    w.put(
        "spec",
        Json.parse(
            "{\"replicas\":3,\"podIP\":\"10.0.0.1\",\"hostIPs\":[\"a\",\"b\"],"
                + "\"apiURL\":\"http://x\",\"x-kubernetes\":true,\"v1\":1.5,\"nothing\":null,"
                + "\"selector\":{\"matchLabels\":{\"app.kubernetes.io/name\":\"web\",\"app\":\"web"
                + "\"}},"
                + "\"containers\":[{\"name\":\"c\",\"ports\":[{\"containerPort\":80}]},{\"name\":\""
                + "d\"}],"
                + "\"empty\":{},\"emptyList\":[],\"nested\":[[1,2],[3]]}"));
    Json.child(w, "metadata")
        .put(
            "annotations",
            Json.parse(
                "{\"short\":\"v\",\"long\":\"" + "x".repeat(150) + "\",\"multi\":\"l1\\nl2\\n\"}"));
    Map<String, Object> stored = s.put(w, Duration.ofHours(1));
    for (int i = 0; i < 2; i++) {
      Map<String, Object> ev = object("v1", "Event", "gizmo.ev" + i);
      ev.put(
          "involvedObject",
          Map.of(
              "kind",
              "Widget",
              "name",
              "gizmo",
              "namespace",
              "default",
              "uid",
              Json.str(stored, "metadata", "uid"),
              "apiVersion",
              "example.com/v1"));
      ev.put("type", i == 0 ? "Normal" : "Warning");
      ev.put("reason", i == 0 ? "Created" : "SomethingLongerHappened");
      ev.put("message", "message number " + i + "  ");
      ev.put("source", Map.of("component", "widget-controller"));
      ev.put("firstTimestamp", s.now.minus(Duration.ofMinutes(30 - i)).toString());
      ev.put("lastTimestamp", s.now.minus(Duration.ofMinutes(5 - i)).toString());
      ev.put("count", (long) (i + 1));
      s.put(ev, Duration.ofMinutes(30));
    }
    System.out.println(s.url());
    Thread.currentThread().join();
  }
}
