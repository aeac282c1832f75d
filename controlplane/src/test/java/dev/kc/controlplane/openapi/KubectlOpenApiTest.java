package dev.kc.controlplane.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Real kubectl against a stub server that answers discovery and serves {@link OpenApiDocuments}, so
 * the documents are checked by the client they are for. Skipped when kubectl is not on the PATH.
 *
 * <p>The stub speaks plain HTTP on loopback (kubectl sends no credentials there, and none are
 * needed) and reports minor version 32, so the gcloud kubectl dispatcher runs kubectl 1.32.
 */
class KubectlOpenApiTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String AGGREGATED =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  @TempDir static Path work;
  private static HttpServer server;
  private static final List<String> requests = new CopyOnWriteArrayList<>();
  private static Path kubeconfig;

  @BeforeAll
  static void startStub() throws IOException {
    assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
    Registry registry = Registry.builtin();
    OpenApiDocuments docs = new OpenApiDocuments(registry);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> answer(ex, registry, docs));
    server.start();
    kubeconfig = work.resolve("kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: stub
          cluster: {server: "http://127.0.0.1:%d"}
        contexts:
        - name: stub
          context: {cluster: stub, user: stub, namespace: default}
        current-context: stub
        users:
        - name: stub
          user: {}
        """
            .formatted(server.getAddress().getPort()));
  }

  @AfterAll
  static void stopStub() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void explainShowsDeploymentSpecFieldsTypesAndOurDescriptions() throws Exception {
    String out = kubectl("explain", "deployment.spec");

    assertTrue(out.contains("FIELD: spec <DeploymentSpec>"), out);
    assertTrue(out.contains("replicas\t<integer>"), out);
    assertTrue(out.contains("selector\t<LabelSelector> -required-"), out);
    assertTrue(out.contains("template\t<PodTemplateSpec> -required-"), out);
    assertTrue(out.contains("How many pods should run."), out);
  }

  @Test
  void explainNamesIntOrStringQuantityAndEnumsLikeARealCluster() throws Exception {
    String surge = kubectl("explain", "deployment.spec.strategy.rollingUpdate");
    String resources = kubectl("explain", "pods.spec.containers.resources");
    String pullPolicy = kubectl("explain", "pods.spec.containers.imagePullPolicy");

    assertTrue(surge.contains("maxSurge\t<IntOrString>"), surge);
    assertTrue(resources.contains("limits\t<map[string]Quantity>"), resources);
    assertTrue(pullPolicy.contains("IfNotPresent"), pullPolicy);
  }

  @Test
  void explainReadsEachAutoscalingVersion() throws Exception {
    String v1 = kubectl("explain", "hpa.spec", "--api-version=autoscaling/v1");
    String v2 = kubectl("explain", "hpa.spec", "--api-version=autoscaling/v2");

    assertTrue(v1.contains("targetCPUUtilizationPercentage\t<integer>"), v1);
    assertTrue(v2.contains("metrics\t<[]MetricSpec>"), v2);
  }

  @Test
  void createLeavesValidationToTheServerWithoutAskingForOpenApiV2() throws Exception {
    Path manifest = work.resolve("deploy.yaml");
    Files.writeString(
        manifest,
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        """);
    requests.clear();

    String out = kubectl("create", "-f", manifest.toString());

    assertTrue(out.contains("deployment.apps/web created"), out);
    assertTrue(
        requests.stream()
            .anyMatch(r -> r.startsWith("POST") && r.contains("fieldValidation=Strict")),
        requests.toString());
    assertFalse(requests.stream().anyMatch(r -> r.contains("/openapi/v2")), requests.toString());
  }

  private static String kubectl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    cmd.addAll(List.of("--cache-dir", work.resolve("cache").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl timed out: " + cmd);
    String text = Files.readString(out);
    assertEquals(0, p.exitValue(), text);
    return text;
  }

  private static void answer(HttpExchange ex, Registry registry, OpenApiDocuments docs)
      throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    byte[] body = ex.getRequestBody().readAllBytes();
    requests.add(method + " " + ex.getRequestURI());
    byte[] doc = path.startsWith("/openapi/v3/") ? docs.document(path.substring(12)) : null;
    if (path.equals("/version")) {
      reply(ex, 200, "application/json", "{\"major\":\"1\",\"minor\":\"32\"}".getBytes());
    } else if (path.equals("/api") || path.equals("/apis")) {
      reply(ex, 200, AGGREGATED, discovery(registry, path.equals("/api")));
    } else if (path.equals("/openapi/v3")) {
      reply(ex, 200, "application/json", docs.index());
    } else if (doc != null) {
      reply(ex, 200, "application/json", doc);
    } else if (method.equals("POST")) {
      // Echo the created object, as a server would after storing it.
      ObjectNode created = (ObjectNode) JSON.readTree(body);
      created.withObject("/metadata").put("namespace", "default");
      reply(ex, 201, "application/json", JSON.writeValueAsBytes(created));
    } else {
      String status =
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
              + "\"reason\":\"NotFound\",\"code\":404}";
      reply(ex, 404, "application/json", status.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange ex, int code, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, body.length);
    ex.getResponseBody().write(body);
    ex.close();
  }

  /** Aggregated discovery for the core group ({@code /api}) or the named groups. */
  private static byte[] discovery(Registry registry, boolean core) {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "APIGroupDiscoveryList");
    list.put("apiVersion", "apidiscovery.k8s.io/v2");
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (Map.Entry<String, List<String>> g : registry.groups().entrySet()) {
      if (g.getKey().isEmpty() != core) {
        continue;
      }
      ObjectNode group = items.addObject();
      if (!core) {
        group.putObject("metadata").put("name", g.getKey());
      } else {
        group.putObject("metadata");
      }
      ArrayNode versions = group.putArray("versions");
      for (String v : g.getValue()) {
        ObjectNode version = versions.addObject().put("version", v).put("freshness", "Current");
        ArrayNode resources = version.putArray("resources");
        for (ResourceType t : registry.typesIn(g.getKey(), v)) {
          ObjectNode r = resources.addObject();
          r.put("resource", t.plural()).put("singularResource", t.singular());
          r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
          r.putObject("responseKind")
              .put("group", t.group())
              .put("version", v)
              .put("kind", t.kind());
          ResourceType.VERBS.forEach(r.putArray("verbs")::add);
          t.shortNames().forEach(r.putArray("shortNames")::add);
        }
      }
    }
    return JSON.writeValueAsBytes(list);
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
