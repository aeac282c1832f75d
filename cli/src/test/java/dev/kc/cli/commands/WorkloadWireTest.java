package dev.kc.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The exact requests the workload verbs send. */
class WorkloadWireTest {

  @TempDir Path dir;
  private FakeApiServer server;
  private Kc kc;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.http();
    kc = Kc.against(server, dir);
    Map<String, Object> d = FakeApiServer.object("apps/v1", "Deployment", "app-deployment");
    d.put(
        "spec",
        Map.of(
            "replicas",
            2,
            "template",
            Map.of(
                "metadata",
                Map.of("labels", Map.of("app", "app")),
                "spec",
                Map.of("containers", List.of(Map.of("name", "app", "image", "app:1.0.0"))))));
    server.put(d, Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FakeApiServer.Request lastWrite() {
    List<FakeApiServer.Request> writes =
        server.apiRequests().stream().filter(r -> !r.method().equals("GET")).toList();
    return writes.get(writes.size() - 1);
  }

  @Test
  void setImageWithRecordAfterTheRootFlagsUpdatesTwiceWithTheChangeCause() {
    Kc.Result r =
        kc.run(
            "--record",
            "deployment.v1.apps/app-deployment",
            "set",
            "image",
            "deployment.v1.apps/app-deployment",
            "app=app:1.0.1");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        "deployment.apps/app-deployment image updated\n"
            + "deployment.apps/app-deployment image updated\n",
        r.out());
    assertEquals(
        "Flag --record has been deprecated, --record will be removed in the future\n", r.err());
    FakeApiServer.Request patch = lastWrite();
    assertEquals("PATCH", patch.method());
    assertEquals(
        "/apis/apps/v1/namespaces/default/deployments/app-deployment?fieldManager=kubectl-set",
        patch.uri());
    assertEquals("application/strategic-merge-patch+json", patch.contentType());
    assertEquals(
        "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\"kc"
            + " deployment.v1.apps/app-deployment set image deployment.v1.apps/app-deployment"
            + " app=app:1.0.1 --record=true\"}},\"spec\":{\"template\":{\"spec\":{"
            + "\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
            + "\"containers\":[{\"image\":\"app:1.0.1\",\"name\":\"app\"}]}}}}",
        patch.body());
  }

  @Test
  void setImageRecordAfterTheArgumentsIsTheDocumentedChangeCause() {
    Kc.Result r = kc.run("set", "image", "deployment/app-deployment", "app=app:1.0.2", "--record");

    assertEquals("deployment.apps/app-deployment image updated\n", r.out(), r.err());
    assertEquals(
        "{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":\"kc set image"
            + " deployment/app-deployment app=app:1.0.2 --record=true\"}},\"spec\":{\"template\":"
            + "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
            + "\"containers\":[{\"image\":\"app:1.0.2\",\"name\":\"app\"}]}}}}",
        lastWrite().body());
  }

  @Test
  void setImageWithoutChangeSendsNothingAndUnknownContainerFails() {
    int before = server.apiRequests().size();
    Kc.Result same = kc.run("set", "image", "deployment/app-deployment", "app=app:1.0.0");
    assertEquals(0, same.code(), same.err());
    assertEquals("", same.out());
    assertEquals(
        0,
        server.apiRequests().stream().skip(before).filter(r -> r.method().equals("PATCH")).count());

    Kc.Result missing = kc.run("set", "image", "deployment/app-deployment", "web=web:1");
    assertEquals(1, missing.code());
    assertEquals("error: unable to find container named \"web\"\n", missing.err());
  }

  @Test
  void setResourcesSendsOnlyTheChangedResources() {
    Kc.Result r =
        kc.run(
            "set",
            "resources",
            "deployment/app-deployment",
            "-c=app",
            "--limits=cpu=200m,memory=512Mi");

    assertEquals(
        "deployment.apps/app-deployment resource requirements updated\n", r.out(), r.err());
    assertEquals(
        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"app\"}],"
            + "\"containers\":[{\"name\":\"app\",\"resources\":{\"limits\":{\"cpu\":\"200m\","
            + "\"memory\":\"512Mi\"}}}]}}}}",
        lastWrite().body());
    assertEquals("fieldManager=kubectl-set", lastWrite().query());
  }

  @Test
  void labelSendsAMergePatchOfTheLabelsOnly() {
    Kc.Result r = kc.run("label", "deployment", "app-deployment", "tier=web");

    assertEquals("deployment.apps/app-deployment labeled\n", r.out(), r.err());
    FakeApiServer.Request patch = lastWrite();
    assertEquals("application/merge-patch+json", patch.contentType());
    assertEquals("fieldManager=kubectl-label", patch.query());
    assertEquals("{\"metadata\":{\"labels\":{\"tier\":\"web\"}}}", patch.body());
  }
}
