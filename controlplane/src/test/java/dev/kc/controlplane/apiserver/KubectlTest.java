package dev.kc.controlplane.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.testing.TestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kubectl against the daemon, with the kubeconfig the daemon writes, used as is. */
class KubectlTest {
  @TempDir static Path home;
  @TempDir static Path work;
  static TestCluster cluster;

  static final String DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: app-deployment
        labels:
          app: app
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: app
        template:
          metadata:
            labels:
              app: app
          spec:
            containers:
            - name: app
              image: app:1.0.0
              ports:
              - containerPort: 8080
      """;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(home);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  record Run(int code, String out, String err) {}

  static Run kubectl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("kubectl");
    cmd.add("--kubeconfig");
    cmd.add(cluster.daemon().kubeconfig().toString());
    cmd.add("--cache-dir");
    cmd.add(work.resolve("cache").toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl timed out: " + cmd);
    return new Run(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void applyGetAndDeleteADeployment() throws Exception {
    Path file = work.resolve("deploy.yaml");
    Files.writeString(file, DEPLOYMENT);

    Run created = kubectl("apply", "-f", file.toString());
    assertEquals(0, created.code(), created.err());
    assertEquals("deployment.apps/app-deployment created\n", created.out());
    assertEquals("", created.err());

    Run get = kubectl("get", "deploy");
    assertEquals(0, get.code(), get.err());
    String[] lines = get.out().split("\n");
    assertTrue(lines[0].matches("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE"), lines[0]);
    // The controllers run: the image app:1.0.0 is not loaded, so nothing becomes ready.
    assertTrue(lines[1].matches("app-deployment\\s+0/3\\s+\\d\\s+0\\s+\\d+s"), lines[1]);

    Run again = kubectl("apply", "-f", file.toString());
    assertEquals("deployment.apps/app-deployment unchanged\n", again.out());

    Run yaml = kubectl("get", "deployment.v1.apps/app-deployment", "-o", "yaml");
    assertTrue(yaml.out().contains("kubectl.kubernetes.io/last-applied-configuration"));

    Run deleted = kubectl("delete", "-f", file.toString());
    assertEquals(0, deleted.code(), deleted.err());
    assertEquals("deployment.apps \"app-deployment\" deleted\n", deleted.out());

    Run gone = kubectl("get", "deploy", "app-deployment");
    assertNotEquals(0, gone.code());
    assertEquals(
        "Error from server (NotFound): deployments.apps \"app-deployment\" not found\n",
        gone.err());
  }

  @Test
  void strategicMergePatchesFromSetPatchAndApplyWork() throws Exception {
    Path file = work.resolve("smp.yaml");
    Files.writeString(file, DEPLOYMENT.replace("app-deployment", "smp"));
    assertEquals(0, kubectl("apply", "-f", file.toString()).code());

    Run set = kubectl("set", "image", "deployment/smp", "app=app:1.0.1");
    assertEquals(0, set.code(), set.err());
    assertEquals("deployment.apps/smp image updated\n", set.out());
    Run patched =
        kubectl("patch", "deployment/smp", "-p", "{\"spec\":{\"progressDeadlineSeconds\":600}}");
    assertEquals(0, patched.code(), patched.err());
    Run pause = kubectl("rollout", "pause", "deployment/smp");
    assertEquals("deployment.apps/smp paused\n", pause.out());
    Run label = kubectl("label", "deployment/smp", "team=blue");
    assertEquals("deployment.apps/smp labeled\n", label.out());

    Files.writeString(
        file, DEPLOYMENT.replace("app-deployment", "smp").replace("replicas: 3", "replicas: 2"));
    Run configured = kubectl("apply", "-f", file.toString());
    assertEquals(0, configured.code(), configured.err());
    assertEquals("deployment.apps/smp configured\n", configured.out());
    Run image =
        kubectl(
            "get",
            "deploy",
            "smp",
            "-o",
            "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.labels.team}");
    // The file wins for what it sets (the image); what others added (the label) stays.
    assertEquals("2 app:1.0.0 blue", image.out());
  }

  @Test
  void getAllAndNamespacesAndWideOutput() throws Exception {
    Run ns = kubectl("get", "ns");
    assertEquals(0, ns.code(), ns.err());
    assertTrue(ns.out().contains("kube-system"));
    Run all = kubectl("get", "all", "-A");
    assertEquals(0, all.code(), all.err());
    Run wide = kubectl("get", "pods", "-o", "wide");
    assertEquals(0, wide.code(), wide.err());
    assertEquals("No resources found in default namespace.\n", wide.err());
  }

  @Test
  void createReportsAlreadyExistsLikeARealCluster() throws Exception {
    Path file = work.resolve("cm.yaml");
    Files.writeString(
        file, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\ndata:\n  a: b\n");
    assertEquals(0, kubectl("create", "-f", file.toString()).code());
    Run twice = kubectl("create", "-f", file.toString());
    assertEquals(1, twice.code());
    assertEquals(
        "Error from server (AlreadyExists): error when creating \""
            + file
            + "\": configmaps \"cm1\" already exists\n",
        twice.err());
  }
}
