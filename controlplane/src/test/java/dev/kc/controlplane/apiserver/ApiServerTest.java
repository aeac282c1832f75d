package dev.kc.controlplane.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.testing.TestCluster;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The REST API end to end, over HTTPS, against a daemon on an ephemeral port. */
class ApiServerTest {
  @TempDir static Path home;
  static TestCluster cluster;

  static final String JSON = "application/json";
  static final String TABLE =
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  static final String AGGREGATED =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
  static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.startApiOnly(home);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static String deployment(String name, String app) {
    return """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","labels":{"app":"%s"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"%s"}},
          "template":{"metadata":{"labels":{"app":"%s"}},
           "spec":{"containers":[{"name":"app","image":"app:1.0.0"}]}}}}
        """
        .formatted(name, app, app, app);
  }

  static TestCluster.Response create(String path, String body) throws Exception {
    return cluster.call("POST", path, JSON, body, JSON);
  }

  @Test
  void versionReportsMinor32() throws Exception {
    JsonNode v = cluster.get("/version").json();
    assertEquals("1", v.path("major").asString());
    assertEquals("32", v.path("minor").asString());
  }

  @Test
  void requestsWithoutTheTokenAreUnauthorized() throws Exception {
    TestCluster.Response r = cluster.call("GET", "/api/v1/namespaces", null, null, JSON, false);
    assertEquals(401, r.code());
    assertEquals("Unauthorized", r.json().path("reason").asString());
  }

  @Test
  void aggregatedDiscoveryUsesItsContentTypeAndListsShortNames() throws Exception {
    TestCluster.Response r = cluster.call("GET", "/apis", null, null, AGGREGATED);
    assertEquals(200, r.code());
    assertTrue(r.headers().get("content-type").contains("as=APIGroupDiscoveryList"));
    String body = r.text();
    assertTrue(body.contains("\"shortNames\":[\"deploy\"]"), body);
    assertTrue(body.contains("\"scope\":\"Namespaced\""));
    JsonNode core = cluster.call("GET", "/api", null, null, AGGREGATED).json();
    assertEquals("APIGroupDiscoveryList", core.path("kind").asString());
  }

  @Test
  void initialNamespacesExist() throws Exception {
    JsonNode list = cluster.get("/api/v1/namespaces").json();
    List<String> names = new ArrayList<>();
    for (JsonNode n : list.path("items")) {
      names.add(n.path("metadata").path("name").asString());
      assertEquals("Active", n.path("status").path("phase").asString());
    }
    assertTrue(
        names.containsAll(List.of("default", "kube-system", "kube-public", "kube-node-lease")));
  }

  @Test
  void createStampsServerMetadataAndGetReturnsIt() throws Exception {
    TestCluster.Response r = create(DEPLOYMENTS, deployment("meta", "meta"));
    assertEquals(201, r.code(), r.text());
    JsonNode meta = r.json().path("metadata");
    assertFalse(meta.path("uid").asString().isEmpty());
    assertFalse(meta.path("creationTimestamp").asString().isEmpty());
    assertEquals(1, meta.path("generation").asInt());
    assertEquals("default", meta.path("namespace").asString());
    JsonNode got = cluster.get(DEPLOYMENTS + "/meta").json();
    assertEquals(
        meta.path("resourceVersion").asString(),
        got.path("metadata").path("resourceVersion").asString());
    assertEquals("Deployment", got.path("kind").asString());
  }

  @Test
  void creatingTwiceIsAlreadyExists() throws Exception {
    create(DEPLOYMENTS, deployment("twice", "twice"));
    TestCluster.Response r = create(DEPLOYMENTS, deployment("twice", "twice"));
    assertEquals(409, r.code());
    assertEquals("AlreadyExists", r.json().path("reason").asString());
    assertEquals("deployments.apps \"twice\" already exists", r.json().path("message").asString());
  }

  @Test
  void missingObjectIsNotFoundWithKubernetesMessage() throws Exception {
    TestCluster.Response r = cluster.get(DEPLOYMENTS + "/nope");
    assertEquals(404, r.code());
    JsonNode s = r.json();
    assertEquals("Status", s.path("kind").asString());
    assertEquals("deployments.apps \"nope\" not found", s.path("message").asString());
    assertEquals("deployments", s.path("details").path("kind").asString());
    TestCluster.Response pod = cluster.get("/api/v1/namespaces/default/pods/nope");
    assertEquals("pods \"nope\" not found", pod.json().path("message").asString());
  }

  @Test
  void createInAMissingNamespaceIsNotFound() throws Exception {
    TestCluster.Response r =
        create("/apis/apps/v1/namespaces/ghost/deployments", deployment("x", "x"));
    assertEquals(404, r.code());
    assertEquals("namespaces \"ghost\" not found", r.json().path("message").asString());
  }

  @Test
  void updateWithAStaleResourceVersionConflicts() throws Exception {
    String cms = "/api/v1/namespaces/default/configmaps";
    String body =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"stale\""
            + "%s},\"data\":{\"a\":\"%s\"}}";
    JsonNode created = create(cms, body.formatted("", "1")).json();
    String rv = created.path("metadata").path("resourceVersion").asString();
    String update = body.formatted(",\"resourceVersion\":\"" + rv + "\"", "2");
    assertEquals(200, cluster.call("PUT", cms + "/stale", JSON, update, JSON).code());
    TestCluster.Response again = cluster.call("PUT", cms + "/stale", JSON, update, JSON);
    assertEquals(409, again.code());
    assertEquals("Conflict", again.json().path("reason").asString());
    assertTrue(again.json().path("message").asString().contains("the object has been modified"));
  }

  @Test
  void specChangesBumpGenerationAndMetadataChangesDoNot() throws Exception {
    create(DEPLOYMENTS, deployment("gen", "gen"));
    JsonNode a =
        cluster
            .call(
                "PATCH",
                DEPLOYMENTS + "/gen",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":5}}",
                JSON)
            .json();
    assertEquals(2, a.path("metadata").path("generation").asInt());
    JsonNode b =
        cluster
            .call(
                "PATCH",
                DEPLOYMENTS + "/gen",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":5}}",
                JSON)
            .json();
    assertEquals(2, b.path("metadata").path("generation").asInt());
    JsonNode c =
        cluster
            .call(
                "PATCH",
                DEPLOYMENTS + "/gen",
                "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}",
                JSON)
            .json();
    assertEquals(2, c.path("metadata").path("generation").asInt());
  }

  @Test
  void aPatchThatChangesNothingKeepsTheResourceVersion() throws Exception {
    String cms = "/api/v1/namespaces/default/configmaps";
    create(
        cms,
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"noop\"},"
            + "\"data\":{\"a\":\"1\"}}");
    JsonNode a =
        cluster
            .call(
                "PATCH",
                cms + "/noop",
                "application/merge-patch+json",
                "{\"data\":{\"a\":\"2\"}}",
                JSON)
            .json();
    JsonNode b =
        cluster
            .call(
                "PATCH",
                cms + "/noop",
                "application/merge-patch+json",
                "{\"data\":{\"a\":\"2\"}}",
                JSON)
            .json();
    assertEquals(
        a.path("metadata").path("resourceVersion"), b.path("metadata").path("resourceVersion"));
  }

  @Test
  void jsonPatchAppliesAndAFailedTestIsRejected() throws Exception {
    create(DEPLOYMENTS, deployment("jp", "jp"));
    TestCluster.Response ok =
        cluster.call(
            "PATCH",
            DEPLOYMENTS + "/jp",
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]",
            JSON);
    assertEquals(200, ok.code(), ok.text());
    assertEquals(1, ok.json().path("spec").path("replicas").asInt());
    TestCluster.Response bad =
        cluster.call(
            "PATCH",
            DEPLOYMENTS + "/jp",
            "application/json-patch+json",
            "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":7}]",
            JSON);
    assertEquals(422, bad.code(), bad.text());
  }

  @Test
  void statusIsOnlyWrittenThroughTheStatusSubresource() throws Exception {
    create(DEPLOYMENTS, deployment("st", "st"));
    cluster.call(
        "PATCH",
        DEPLOYMENTS + "/st",
        "application/merge-patch+json",
        "{\"status\":{\"replicas\":9}}",
        JSON);
    assertTrue(
        cluster.get(DEPLOYMENTS + "/st").json().path("status").path("replicas").isMissingNode());
    JsonNode viaStatus =
        cluster
            .call(
                "PATCH",
                DEPLOYMENTS + "/st/status",
                "application/merge-patch+json",
                "{\"status\":{\"replicas\":9},\"spec\":{\"replicas\":1}}",
                JSON)
            .json();
    assertEquals(9, viaStatus.path("status").path("replicas").asInt());
    assertEquals(3, viaStatus.path("spec").path("replicas").asInt());
  }

  @Test
  void scaleSubresourceReadsAndWritesReplicas() throws Exception {
    create(DEPLOYMENTS, deployment("sc", "sc"));
    JsonNode scale = cluster.get(DEPLOYMENTS + "/sc/scale").json();
    assertEquals("Scale", scale.path("kind").asString());
    assertEquals("autoscaling/v1", scale.path("apiVersion").asString());
    assertEquals(3, scale.path("spec").path("replicas").asInt());
    assertEquals("app=sc", scale.path("status").path("selector").asString());
    JsonNode after =
        cluster
            .call(
                "PATCH",
                DEPLOYMENTS + "/sc/scale",
                "application/merge-patch+json",
                "{\"spec\":{\"replicas\":7}}",
                JSON)
            .json();
    assertEquals(7, after.path("spec").path("replicas").asInt());
    assertEquals(7, cluster.get(DEPLOYMENTS + "/sc").json().path("spec").path("replicas").asInt());
    // kubectl scale --current-replicas sends the Scale with no Content-Type at all.
    String put = after.toString().replace("\"replicas\":7", "\"replicas\":2");
    assertEquals(200, cluster.call("PUT", DEPLOYMENTS + "/sc/scale", null, put, JSON).code());
  }

  @Test
  void labelAndFieldSelectorsFilterLists() throws Exception {
    create(DEPLOYMENTS, deployment("sel-a", "sel-a"));
    create(DEPLOYMENTS, deployment("sel-b", "sel-b"));
    JsonNode byLabel = cluster.get(DEPLOYMENTS + "?labelSelector=app%20in%20(sel-a,zzz)").json();
    assertEquals(1, byLabel.path("items").size());
    JsonNode byField = cluster.get(DEPLOYMENTS + "?fieldSelector=metadata.name%3Dsel-b").json();
    assertEquals(1, byField.path("items").size());
    assertEquals("sel-b", byField.path("items").get(0).path("metadata").path("name").asString());
    TestCluster.Response bad = cluster.get(DEPLOYMENTS + "?fieldSelector=spec.replicas%3D3");
    assertEquals(400, bad.code());
  }

  @Test
  void tablesCarryKubectlColumnsAndRowMetadata() throws Exception {
    create(DEPLOYMENTS, deployment("tbl", "tbl"));
    JsonNode t = cluster.call("GET", DEPLOYMENTS + "/tbl", null, null, TABLE).json();
    assertEquals("Table", t.path("kind").asString());
    List<String> cols = new ArrayList<>();
    for (JsonNode c : t.path("columnDefinitions")) {
      if (c.path("priority").asInt() == 0) {
        cols.add(c.path("name").asString());
      }
    }
    assertEquals(List.of("Name", "Ready", "Up-to-date", "Available", "Age"), cols);
    JsonNode row = t.path("rows").get(0);
    assertEquals("tbl", row.path("cells").get(0).asString());
    assertEquals("0/3", row.path("cells").get(1).asString());
    assertEquals("PartialObjectMetadata", row.path("object").path("kind").asString());
  }

  @Test
  void generateNameGetsAFiveCharacterSuffix() throws Exception {
    String cm =
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"cfg-\"}}";
    JsonNode r = create("/api/v1/namespaces/default/configmaps", cm).json();
    assertTrue(
        r.path("metadata").path("name").asString().matches("cfg-[bcdfghjklmnpqrstvwxz2456789]{5}"));
  }

  @Test
  void watchStreamsChangesAfterTheGivenRevision() throws Exception {
    String rv =
        cluster
            .get("/api/v1/namespaces/default/configmaps")
            .json()
            .path("metadata")
            .path("resourceVersion")
            .asString();
    try (InputStream in =
            cluster.stream(
                "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=" + rv, JSON);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      create(
          "/api/v1/namespaces/default/configmaps",
          "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"watched\"}}");
      String line = lines.readLine();
      while (line != null && line.isBlank()) {
        line = lines.readLine();
      }
      JsonNode ev = Json.MAPPER.readTree(line);
      assertEquals("ADDED", ev.path("type").asString());
      assertEquals("ConfigMap", ev.path("object").path("kind").asString());
      assertEquals("watched", ev.path("object").path("metadata").path("name").asString());
    }
  }

  @Test
  void deleteRemovesTheObjectAndReturnsIt() throws Exception {
    create(DEPLOYMENTS, deployment("del", "del"));
    TestCluster.Response r =
        cluster.call(
            "DELETE", DEPLOYMENTS + "/del", JSON, "{\"propagationPolicy\":\"Background\"}", JSON);
    assertEquals(200, r.code(), r.text());
    assertEquals(404, cluster.get(DEPLOYMENTS + "/del").code());
  }

  @Test
  void aDeletedObjectWithAFinalizerStaysUntilTheFinalizerIsRemoved() throws Exception {
    create(DEPLOYMENTS, deployment("fg", "fg"));
    cluster.call(
        "PATCH",
        DEPLOYMENTS + "/fg",
        "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":[\"example.com/keep\"]}}",
        JSON);
    TestCluster.Response r =
        cluster.call(
            "DELETE", DEPLOYMENTS + "/fg", JSON, "{\"propagationPolicy\":\"Foreground\"}", JSON);
    assertEquals(202, r.code(), r.text());
    JsonNode obj = cluster.get(DEPLOYMENTS + "/fg").json();
    assertFalse(obj.path("metadata").path("deletionTimestamp").isMissingNode());
    assertTrue(obj.path("metadata").path("finalizers").toString().contains("example.com/keep"));
    // Removing the finalizer completes the deletion.
    cluster.call(
        "PATCH",
        DEPLOYMENTS + "/fg",
        "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":null}}",
        JSON);
    assertEquals(404, cluster.get(DEPLOYMENTS + "/fg").code());
  }

  @Test
  void hpaIsServedInBothVersionsFromOneStoredObject() throws Exception {
    String v1 =
        """
        {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"h"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"x"},
          "minReplicas":2,"maxReplicas":5,"targetCPUUtilizationPercentage":80}}
        """;
    assertEquals(
        201, create("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers", v1).code());
    JsonNode v2 =
        cluster.get("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/h").json();
    assertEquals("autoscaling/v2", v2.path("apiVersion").asString());
    assertEquals(
        80,
        v2.path("spec")
            .path("metrics")
            .get(0)
            .path("resource")
            .path("target")
            .path("averageUtilization")
            .asInt());
    JsonNode back =
        cluster.get("/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/h").json();
    assertEquals(80, back.path("spec").path("targetCPUUtilizationPercentage").asInt());
  }

  @Test
  void bodiesOfTheWrongShapeAreBadRequests() throws Exception {
    assertEquals(400, create(DEPLOYMENTS, "{not json").code());
    assertEquals(400, create(DEPLOYMENTS, "[1,2]").code());
    TestCluster.Response wrongVersion =
        create(DEPLOYMENTS, deployment("v", "v").replace("apps/v1", "extensions/v1beta1"));
    assertEquals(400, wrongVersion.code());
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertEquals(
        404, cluster.get("/apis/extensions/v1beta1/namespaces/default/deployments").code());
    assertEquals(404, cluster.get("/api/v1/namespaces/default/widgets").code());
  }
}
