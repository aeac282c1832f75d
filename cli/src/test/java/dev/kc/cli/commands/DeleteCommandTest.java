package dev.kc.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.json.Json;
import dev.kc.cli.testing.FakeApiServer;
import dev.kc.cli.testing.Kc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kc delete} against the fake server. */
class DeleteCommandTest {

  @TempDir Path dir;
  private FakeApiServer server;
  private Kc kc;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.http();
    kc = Kc.against(server, dir);
    server.put(
        FakeApiServer.object("apps/v1", "Deployment", "web", "app", "web"), Duration.ofMinutes(5));
    server.put(FakeApiServer.object("v1", "ConfigMap", "one", "app", "web"), Duration.ZERO);
    server.put(FakeApiServer.object("v1", "ConfigMap", "two"), Duration.ZERO);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<FakeApiServer.Request> deletes() {
    return server.apiRequests().stream().filter(r -> r.method().equals("DELETE")).toList();
  }

  @Test
  void deletesWithBackgroundPropagationAndWaitsUntilGone() {
    Kc.Result r = kc.run("delete", "deploy", "web");

    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps \"web\" deleted\n", r.out());
    FakeApiServer.Request del = deletes().get(0);
    assertEquals("/apis/apps/v1/namespaces/default/deployments/web", del.uri());
    assertEquals("{\"propagationPolicy\":\"Background\"}", del.body());
    assertEquals("application/json", del.contentType());
    FakeApiServer.Request check = server.apiRequests().get(1);
    assertEquals(
        "GET /apis/apps/v1/namespaces/default/deployments/web", check.method() + " " + check.uri());
  }

  @Test
  void waitsForAnObjectHeldByFinalizersUntilItsDeletedEvent() {
    Map<String, Object> cm = FakeApiServer.object("v1", "ConfigMap", "held");
    Json.child(cm, "metadata").put("finalizers", new java.util.ArrayList<>(List.of("x/y")));
    server.put(cm, Duration.ZERO);
    server.onWatch(
        "configmaps",
        w -> {
          assertEquals("metadata.name=held", w.query().get("fieldSelector"));
          Map<String, Object> gone = server.get("configmaps", "default", "held");
          server.remove("configmaps", "default", "held");
          w.send("DELETED", gone);
        });

    Kc.Result r = kc.run("delete", "cm", "held");

    assertEquals(0, r.code(), r.err());
    assertEquals("configmap \"held\" deleted\n", r.out());
    assertNull(server.get("configmaps", "default", "held"));
    assertTrue(server.apiRequests().stream().anyMatch(q -> q.uri().contains("watch=true")));
  }

  @Test
  void waitFalseDoesNotPoll() {
    kc.run("delete", "cm", "one", "--wait=false");

    assertEquals(1, server.apiRequests().size());
  }

  @Test
  void cascadeAndGracePeriodGoIntoDeleteOptions() {
    kc.run("delete", "cm/one", "--cascade=orphan", "--grace-period=5");

    assertEquals(
        "{\"gracePeriodSeconds\":5,\"propagationPolicy\":\"Orphan\"}", deletes().get(0).body());
  }

  @Test
  void forceMeansGracePeriodZeroWithAWarning() {
    Kc.Result r = kc.run("delete", "cm", "one", "--force");

    assertEquals("configmap \"one\" force deleted\n", r.out());
    assertEquals(
        "Warning: Immediate deletion does not wait for confirmation that the running"
            + " resource has been terminated. The resource may continue to run on the cluster"
            + " indefinitely.\n",
        r.err());
    assertEquals(
        "{\"gracePeriodSeconds\":0,\"propagationPolicy\":\"Background\"}", deletes().get(0).body());
  }

  @Test
  void notFoundIsReportedAfterTheOthers() {
    Kc.Result r = kc.run("delete", "cm", "one", "nope", "two");

    assertEquals(1, r.code());
    assertEquals("configmap \"one\" deleted\nconfigmap \"two\" deleted\n", r.out());
    assertEquals("Error from server (NotFound): configmaps \"nope\" not found\n", r.err());
  }

  @Test
  void ignoreNotFoundIsSilent() {
    Kc.Result r = kc.run("delete", "cm", "nope", "--ignore-not-found");

    assertEquals(0, r.code());
    assertEquals("", r.err());
  }

  @Test
  void selectorsDeleteWhatTheyMatchAndSayWhenNothingMatched() {
    Kc.Result r = kc.run("delete", "cm", "-l", "app=web", "-o", "name");
    Kc.Result none = kc.run("delete", "cm", "-l", "app=nothing");

    assertEquals("configmap/one\n", r.out());
    assertEquals("No resources found\n", none.out());
    assertEquals(0, none.code());
  }

  @Test
  void allDeletesEveryObjectOfTheType() {
    Kc.Result r = kc.run("delete", "cm", "--all");

    assertEquals("configmap \"one\" deleted\nconfigmap \"two\" deleted\n", r.out());
  }

  @Test
  void filesNameTheSourceInErrors() throws Exception {
    Path f = dir.resolve("cm.yaml");
    Files.writeString(
        f,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\n");

    Kc.Result r = kc.run("delete", "-f", f.toString());

    assertEquals("configmap \"one\" deleted\n", r.out());
    assertEquals(
        "Error from server (NotFound): error when deleting \""
            + f
            + "\": configmaps \"nope\" not found\n",
        r.err());
  }

  @Test
  void argumentMistakesUseKubectlsMessages() {
    assertEquals(
        "error: resource(s) were provided, but no name was specified\n",
        kc.run("delete", "cm").err());
    assertEquals(
        "error: at least one resource must be specified to use a selector\n",
        kc.run("delete", "--all").err());
    assertTrue(
        kc.run("delete")
            .err()
            .startsWith(
                "error: You must provide one or more resources by argument or filename.\n"));
    assertEquals(
        "error: invalid cascade value (bogus). Must be \"background\", \"foreground\","
            + " or \"orphan\"\n",
        kc.run("delete", "cm", "one", "--cascade=bogus").err());
    assertEquals(
        "error: --now and --grace-period cannot be specified together\n",
        kc.run("delete", "cm", "one", "--now", "--grace-period=3").err());
    assertEquals(0, deletes().size());
  }
}
