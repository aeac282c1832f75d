package dev.kc.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.json.Json;
import dev.kc.cli.testing.FakeApiServer;
import dev.kc.cli.testing.Kc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kc get} against the fake HTTPS server; expected texts match kubectl 1.32's output. */
class GetCommandTest {

  @TempDir Path dir;
  private FakeApiServer server;
  private Kc kc;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.https();
    kc = Kc.against(server, dir);
    server.put(
        FakeApiServer.object("apps/v1", "Deployment", "web", "app", "web"), Duration.ofMinutes(5));
    server.put(
        FakeApiServer.object("v1", "Pod", "web-1", "app", "web", "tier", "frontend"),
        Duration.ofSeconds(42));
    server.put(FakeApiServer.object("v1", "Pod", "web-2", "app", "web"), Duration.ofHours(3));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsPodsAsAServerSideTable() {
    Kc.Result r = kc.run("get", "pods");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        "NAME    READY   STATUS    RESTARTS   AGE\n"
            + "web-1   1/1     Pending   0          42s\n"
            + "web-2   1/1     Pending   0          3h\n",
        r.out());
    FakeApiServer.Request list = server.apiRequests().get(0);
    assertEquals("/api/v1/namespaces/default/pods?limit=500", list.uri());
    assertEquals(
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
            + "v=v1beta1;g=meta.k8s.io,application/json",
        list.accept());
    assertEquals("Bearer secret-token", list.authorization());
  }

  @Test
  void wideAddsPriorityColumns() {
    Kc.Result r = kc.run("get", "po", "-o", "wide");

    assertEquals(
        "NAME    READY   STATUS    RESTARTS   AGE   IP    NODE\n"
            + "web-1   1/1     Pending   0          42s         \n"
            + "web-2   1/1     Pending   0          3h          \n",
        r.out());
  }

  @Test
  void allNamespacesAddsANamespaceColumnAndUsesTheClusterWideUrl() {
    Kc.Result r = kc.run("get", "pods", "-A", "-L", "app,tier");

    assertEquals(
        "NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   APP   TIER\n"
            + "default     web-1   1/1     Pending   0          42s   web   frontend\n"
            + "default     web-2   1/1     Pending   0          3h    web   \n",
        r.out());
    assertEquals("/api/v1/pods?limit=500", server.apiRequests().get(0).uri());
  }

  @Test
  void showLabelsAndNoHeaders() {
    Kc.Result r = kc.run("get", "pods", "--show-labels", "--no-headers");

    assertEquals(
        "web-1   1/1   Pending   0     42s   app=web,tier=frontend\n"
            + "web-2   1/1   Pending   0     3h    app=web\n",
        r.out());
  }

  @Test
  void severalKindsArePrefixedAndSeparatedByABlankLine() {
    Kc.Result r = kc.run("get", "deploy,po");

    assertEquals(
        "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
            + "deployment.apps/web   0/1     0            0           5m\n"
            + "\n"
            + "NAME        READY   STATUS    RESTARTS   AGE\n"
            + "pod/web-1   1/1     Pending   0          42s\n"
            + "pod/web-2   1/1     Pending   0          3h\n",
        r.out());
  }

  @Test
  void allCategoryExpandsInDiscoveryOrder() {
    Kc.Result r = kc.run("get", "all");

    assertEquals(
        "NAME        READY   STATUS    RESTARTS   AGE\n"
            + "pod/web-1   1/1     Pending   0          42s\n"
            + "pod/web-2   1/1     Pending   0          3h\n"
            + "\n"
            + "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
            + "deployment.apps/web   0/1     0            0           5m\n",
        r.out());
  }

  @Test
  void typeSlashNameFormsGetEachObject() {
    Kc.Result r = kc.run("get", "deployment.v1.apps/web", "pod/web-1");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("deployment.apps/web   0/1"), r.out());
    assertTrue(r.out().contains("pod/web-1   1/1"), r.out());
    assertEquals(
        "/apis/apps/v1/namespaces/default/deployments/web", server.apiRequests().get(0).uri());
  }

  @Test
  void emptyListSaysNoResourcesFoundOnStderr() {
    Kc.Result r = kc.run("get", "pods", "-n", "other");

    assertEquals(0, r.code());
    assertEquals("", r.out());
    assertEquals("No resources found in other namespace.\n", r.err());
  }

  @Test
  void emptyClusterScopedListOmitsTheNamespace() {
    Kc.Result r = kc.run("get", "nodes");

    assertEquals("No resources found\n", r.err());
  }

  @Test
  void missingObjectsAreReportedAfterTheFoundOnes() {
    Kc.Result r = kc.run("get", "pods", "nope", "web-1", "nope2");

    assertEquals(1, r.code());
    assertEquals(
        "NAME    READY   STATUS    RESTARTS   AGE\n" + "web-1   1/1     Pending   0          42s\n",
        r.out());
    assertEquals(
        "Error from server (NotFound): pods \"nope\" not found\n"
            + "Error from server (NotFound): pods \"nope2\" not found\n",
        r.err());
  }

  @Test
  void ignoreNotFoundSilencesMissingObjects() {
    Kc.Result r = kc.run("get", "pods", "nope", "--ignore-not-found");

    assertEquals(0, r.code());
    assertEquals("", r.out() + r.err());
  }

  @Test
  void unknownTypeIsAnError() {
    Kc.Result r = kc.run("get", "foo");

    assertEquals(1, r.code());
    assertEquals("error: the server doesn't have a resource type \"foo\"\n", r.err());
  }

  @Test
  void yamlOfAListIsAKubectlList() {
    Kc.Result r = kc.run("get", "pods", "-o", "yaml", "-l", "tier=frontend");

    assertEquals(
        "apiVersion: v1\n"
            + "items:\n"
            + "- apiVersion: v1\n"
            + "  kind: Pod\n"
            + "  metadata:\n"
            + "    creationTimestamp: \"2026-01-01T11:59:18Z\"\n"
            + "    labels:\n"
            + "      app: web\n"
            + "      tier: frontend\n"
            + "    name: web-1\n"
            + "    namespace: default\n"
            + "    resourceVersion: \"102\"\n"
            + "    uid: "
            + Json.str(server.get("pods", "default", "web-1"), "metadata", "uid")
            + "\n"
            + "kind: List\n"
            + "metadata:\n"
            + "  resourceVersion: \"\"\n",
        r.out());
    assertEquals(
        "/api/v1/namespaces/default/pods?labelSelector=tier%3Dfrontend&limit=500",
        server.apiRequests().get(0).uri());
    assertEquals("application/json", server.apiRequests().get(0).accept());
  }

  @Test
  void jsonOfOneObjectIsTheObject() {
    Kc.Result r = kc.run("get", "deploy", "web", "-o", "json");

    Object obj = Json.parse(r.out());
    assertEquals("Deployment", Json.str(obj, "kind"));
    assertTrue(r.out().startsWith("{\n    \"apiVersion\": \"apps/v1\",\n"), r.out());
  }

  @Test
  void managedFieldsAreHiddenFromYamlAndJsonUnlessAsked() {
    Map<String, Object> cm = FakeApiServer.object("v1", "ConfigMap", "mf");
    Json.child(cm, "metadata")
        .put("managedFields", Json.parse("[{\"manager\":\"kubectl\",\"operation\":\"Update\"}]"));
    server.put(cm, Duration.ZERO);

    String yaml = kc.run("get", "cm", "mf", "-o", "yaml").out();
    String listJson = kc.run("get", "cm", "-o", "json").out();
    String shown = kc.run("get", "cm", "mf", "-o", "yaml", "--show-managed-fields").out();
    String path =
        kc.run("get", "cm", "mf", "-o", "jsonpath={.metadata.managedFields[0].manager}").out();

    assertTrue(!yaml.contains("managedFields"), yaml);
    assertTrue(!listJson.contains("managedFields"), listJson);
    assertTrue(shown.contains("  managedFields:\n  - manager: kubectl\n"), shown);
    assertEquals("kubectl", path);
  }

  @Test
  void nameOutputUsesKindAndGroup() {
    Kc.Result r = kc.run("get", "pods,deploy", "-o", "name");

    assertEquals("pod/web-1\npod/web-2\ndeployment.apps/web\n", r.out());
  }

  @Test
  void jsonpathRangeOverItems() {
    Kc.Result r =
        kc.run("get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name}{\"\\n\"}{end}");

    assertEquals("web-1\nweb-2\n", r.out());
  }

  @Test
  void fieldSelectorIsPassedThrough() {
    kc.run("get", "pods", "--field-selector", "metadata.name=web-2");

    assertEquals(
        "/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-2&limit=500",
        server.apiRequests().get(0).uri());
  }

  @Test
  void namesCannotBeCombinedWithAllNamespacesOrSelectors() {
    assertEquals(
        "error: a resource cannot be retrieved by name across all namespaces\n",
        kc.run("get", "pods", "web-1", "-A").err());
    assertEquals(
        "error: name cannot be provided when a selector is specified\n",
        kc.run("get", "pods", "web-1", "-l", "a=b").err());
  }

  @Test
  void watchPrintsTheListThenEveryEventWithRememberedWidths() {
    Map<String, Object> longPod = FakeApiServer.object("v1", "Pod", "a-very-long-pod-name");
    server.onWatch(
        "pods",
        w -> {
          w.send("ADDED", longPod);
          w.send("DELETED", server.get("pods", "default", "web-2"));
        });

    Kc.Result r = kc.run("get", "pods", "-w", "--output-watch-events");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        "EVENT      NAME    READY   STATUS    RESTARTS   AGE\n"
            + "ADDED      web-1   1/1     Pending   0          42s\n"
            + "ADDED      web-2   1/1     Pending   0          3h\n"
            + "ADDED      a-very-long-pod-name   1/1     Pending   0          <unknown>\n"
            + "DELETED    web-2                  1/1     Pending   0          3h\n",
        r.out());
    FakeApiServer.Request watch = server.apiRequests().get(1);
    assertEquals("/api/v1/namespaces/default/pods?resourceVersion=103&watch=true", watch.uri());
  }

  @Test
  void watchOnlySkipsTheInitialList() {
    server.onWatch("pods", w -> w.send("MODIFIED", server.get("pods", "default", "web-1")));

    Kc.Result r = kc.run("get", "pods", "--watch-only");

    assertEquals(
        "NAME    READY   STATUS    RESTARTS   AGE\n" + "web-1   1/1     Pending   0          42s\n",
        r.out());
  }

  @Test
  void watchingOneObjectSkipsTheSyntheticAddedEvent() {
    server.onWatch(
        "pods",
        w -> {
          w.send("ADDED", server.get("pods", "default", "web-1"));
          w.send("MODIFIED", server.get("pods", "default", "web-1"));
        });

    Kc.Result r = kc.run("get", "pod", "web-1", "-w", "-o", "name");

    assertEquals("pod/web-1\npod/web-1\n", r.out());
    assertEquals(
        "/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-1"
            + "&resourceVersion=0&watch=true",
        server.apiRequests().get(1).uri());
  }

  @Test
  void watchEventsAsJsonAreCompactLines() {
    server.onWatch("pods", w -> w.send("DELETED", server.get("pods", "default", "web-2")));

    Kc.Result r = kc.run("get", "pods", "--watch-only", "-o", "json", "--output-watch-events");

    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r.out());
    assertTrue(
        lines.get(0).startsWith("{\"type\":\"DELETED\",\"object\":{\"apiVersion\":\"v1\""),
        lines.get(0));
  }

  @Test
  void watchingSeveralTypesIsRefused() {
    Kc.Result r = kc.run("get", "pods,deploy", "-w");

    assertEquals(1, r.code());
    assertEquals("error: you may only specify a single resource type\n", r.err());
  }

  @Test
  void missingTypeExplainsWhatToDo() {
    Kc.Result r = kc.run("get");

    assertEquals(1, r.code());
    assertTrue(r.err().contains("error: Required resource not specified."), r.err());
  }

  @Test
  void unknownOutputFormatIsRejected() {
    Kc.Result r = kc.run("get", "pods", "-o", "bogus");

    assertEquals(1, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "error: unable to match a printer suitable for the output" + " format \"bogus\""),
        r.err());
  }
}
