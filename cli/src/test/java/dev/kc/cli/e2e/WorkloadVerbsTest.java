package dev.kc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.testing.Kc;
import dev.kc.controlplane.daemon.Daemon;
import dev.kc.controlplane.daemon.Home;
import dev.kc.controlplane.kubelet.KubeletConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload verbs (scale, patch, label, annotate, set, rollout, wait) against a real daemon. */
class WorkloadVerbsTest {
  @TempDir static Path dir;
  static Daemon daemon;
  static Kc kc;

  static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: NAME
          labels:
            app: app
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: NAME
          template:
            metadata:
              labels:
                app: NAME
            spec:
              containers:
              - name: app
                image: app:1.0.0
              - name: side
                image: side:1
        """
        .replace("NAME", name);
  }

  @BeforeAll
  static void start() {
    System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    kc = new Kc(dir);
    daemon =
        Daemon.start(
            new Daemon.Config(
                new Home(kc.home()), "127.0.0.1", 0, "virtual", 3, Duration.ofSeconds(30),
                KubeletConfig.defaults()));
  }

  @AfterAll
  static void stop() {
    daemon.close();
  }

  static void create(String name) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, deployment(name));
    Kc.Result r = kc.run("apply", "-f", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  static String jsonpath(String target, String path) {
    Kc.Result r = kc.run("get", target, "-o", "jsonpath={" + path + "}");
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  @Test
  void scaleSetsReplicasThroughTheScaleSubresource() throws Exception {
    create("scaled");

    Kc.Result r = kc.run("scale", "deployment/scaled", "--replicas=5");
    assertEquals("deployment.apps/scaled scaled\n", r.out(), r.err());
    assertEquals("5", jsonpath("deploy/scaled", ".spec.replicas"));

    Kc.Result typeAndName = kc.run("scale", "deploy", "scaled", "--replicas", "2");
    assertEquals("deployment.apps/scaled scaled\n", typeAndName.out(), typeAndName.err());
    assertEquals("2", jsonpath("deploy/scaled", ".spec.replicas"));
  }

  @Test
  void scaleChecksCurrentReplicasBeforePutting() throws Exception {
    create("guarded");

    Kc.Result wrong = kc.run("scale", "deploy/guarded", "--current-replicas=2", "--replicas=4");
    assertEquals(1, wrong.code());
    assertEquals("error: Expected replicas to be 2, was 3\n", wrong.err());

    Kc.Result right = kc.run("scale", "deploy/guarded", "--current-replicas=3", "--replicas=4");
    assertEquals("deployment.apps/guarded scaled\n", right.out(), right.err());
    assertEquals("4", jsonpath("deploy/guarded", ".spec.replicas"));
  }

  @Test
  void scaleRefusesMissingReplicasAndMissingResources() {
    Kc.Result noReplicas = kc.run("scale", "deploy/x");
    assertEquals(1, noReplicas.code());
    assertTrue(
        noReplicas.err().endsWith(" run.go:72] \"command failed\" err=\"required flag(s)"
            + " \\\"replicas\\\" not set\"\n"),
        noReplicas.err());

    Kc.Result noResource = kc.run("scale", "--replicas=2");
    assertEquals(1, noResource.code());
    assertTrue(noResource.err().startsWith("error: You must provide one or more resources"));
  }

  @Test
  void patchReportsPatchedThenNoChange() throws Exception {
    create("patched");
    String body = "{\"spec\":{\"progressDeadlineSeconds\":600}}";

    Kc.Result first = kc.run("patch", "deployment/patched", "-p", body.replace("600", "700"));
    assertEquals("deployment.apps/patched patched\n", first.out(), first.err());
    assertEquals("700", jsonpath("deploy/patched", ".spec.progressDeadlineSeconds"));

    kc.run("patch", "deployment/patched", "-p", body);
    Kc.Result again = kc.run("patch", "deployment", "patched", "-p", body);
    assertEquals("deployment.apps/patched patched (no change)\n", again.out(), again.err());

    Kc.Result merge =
        kc.run("patch", "deploy/patched", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
    assertEquals("deployment.apps/patched patched\n", merge.out(), merge.err());
    assertEquals("y", jsonpath("deploy/patched", ".metadata.labels.x"));

    Kc.Result json =
        kc.run("patch", "deploy/patched", "--type=json", "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]");
    assertEquals("deployment.apps/patched patched\n", json.out(), json.err());
    assertEquals("1", jsonpath("deploy/patched", ".spec.replicas"));
  }

  @Test
  void patchWithStrategicMergeKeepsOtherContainers() throws Exception {
    create("smp");
    Kc.Result r =
        kc.run("patch", "deploy/smp", "-p",
            "spec:\n  template:\n    spec:\n      containers:\n      - name: side\n        image: side:2\n");
    assertEquals("deployment.apps/smp patched\n", r.out(), r.err());
    assertEquals("app:1.0.0 side:2", jsonpath("deploy/smp", ".spec.template.spec.containers[*].image"));
  }

  @Test
  void patchNeedsABody() {
    Kc.Result r = kc.run("patch", "deploy/x");
    assertEquals(1, r.code());
    assertEquals(
        "error: must specify --patch or --patch-file containing the contents of the patch\n", r.err());
  }

  @Test
  void labelAddsRefusesOverwritesAndRemoves() throws Exception {
    create("labelled");

    assertEquals("deployment.apps/labelled labeled\n", kc.run("label", "deploy/labelled", "tier=web").out());
    assertEquals("web", jsonpath("deploy/labelled", ".metadata.labels.tier"));

    Kc.Result clash = kc.run("label", "deploy", "labelled", "tier=db");
    assertEquals(1, clash.code());
    assertEquals("error: 'tier' already has a value (web), and --overwrite is false\n", clash.err());

    Kc.Result overwritten = kc.run("label", "deploy", "labelled", "tier=db", "--overwrite");
    assertEquals("deployment.apps/labelled labeled\n", overwritten.out(), overwritten.err());
    assertEquals("db", jsonpath("deploy/labelled", ".metadata.labels.tier"));

    Kc.Result removed = kc.run("label", "deploy/labelled", "tier-");
    assertEquals("deployment.apps/labelled unlabeled\n", removed.out(), removed.err());
    assertEquals("", jsonpath("deploy/labelled", ".metadata.labels.tier"));

    Kc.Result none = kc.run("label", "deploy/labelled");
    assertEquals("error: at least one label update is required\n", none.err());
  }

  @Test
  void annotateAddsAndRemoves() throws Exception {
    create("annotated");

    Kc.Result r = kc.run("annotate", "deploy/annotated", "owner=me");
    assertEquals("deployment.apps/annotated annotated\n", r.out(), r.err());
    assertEquals("me", jsonpath("deploy/annotated", ".metadata.annotations.owner"));

    Kc.Result clash = kc.run("annotate", "deploy/annotated", "owner=you");
    assertEquals(
        "error: --overwrite is false but found the following declared annotation(s): 'owner'"
            + " already has a value (me)\n",
        clash.err());

    assertEquals("deployment.apps/annotated annotated\n", kc.run("annotate", "deploy/annotated", "owner-").out());
    assertEquals("", jsonpath("deploy/annotated", ".metadata.annotations.owner"));
  }
}
