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

/**
 * kc end to end against a real daemon (in this JVM, on a virtual clock) through kc's own kubeconfig
 * and Unix socket, as a user runs it.
 */
class RealDaemonTest {
  @TempDir static Path dir;
  static Daemon daemon;
  static Kc kc;

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
  static void start() {
    System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    kc = new Kc(dir);
    daemon =
        Daemon.start(
            new Daemon.Config(
                new Home(kc.home()),
                "127.0.0.1",
                0,
                "virtual",
                3,
                Duration.ofSeconds(30),
                KubeletConfig.defaults()));
  }

  @AfterAll
  static void stop() {
    daemon.close();
  }

  @Test
  void applyGetAndDeleteTheSeedDeployment() throws Exception {
    Path file = dir.resolve("deployment.yaml");
    Files.writeString(file, DEPLOYMENT);

    Kc.Result created = kc.run("apply", "-f", file.toString());
    assertEquals("deployment.apps/app-deployment created\n", created.out(), created.err());

    Kc.Result get = kc.run("get", "deploy");
    String[] lines = get.out().split("\n");
    assertTrue(lines[0].matches("NAME +READY +UP-TO-DATE +AVAILABLE +AGE"), get.out());
    assertTrue(lines[1].matches("app-deployment +0/3 +\\d +0 +\\d+s"), get.out());

    assertEquals(
        "deployment.apps/app-deployment unchanged\n", kc.run("apply", "-f", file.toString()).out());
    assertEquals("deployment.apps/app-deployment\n", kc.run("get", "deploy", "-o", "name").out());

    Files.writeString(file, DEPLOYMENT.replace("replicas: 3", "replicas: 2"));
    assertEquals(
        "deployment.apps/app-deployment configured\n",
        kc.run("apply", "-f", file.toString()).out());
    assertEquals(
        "2", kc.run("get", "deploy", "app-deployment", "-o", "jsonpath={.spec.replicas}").out());

    Kc.Result deleted = kc.run("delete", "-f", file.toString());
    assertEquals("deployment.apps \"app-deployment\" deleted\n", deleted.out(), deleted.err());
    Kc.Result gone = kc.run("get", "deploy", "app-deployment");
    assertEquals(1, gone.code());
    assertEquals(
        "Error from server (NotFound): deployments.apps \"app-deployment\" not found\n",
        gone.err());
  }

  @Test
  void theSeedPodWithListLabelsIsRefusedAndNothingIsStored() throws Exception {
    Path file = dir.resolve("pod.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: listy
          labels:
            - name: app
        spec:
          containers:
          - name: app
            image: nginx
        """);
    Kc.Result r = kc.run("apply", "-f", file.toString());
    assertEquals(1, r.code());
    assertTrue(
        r.err()
            .contains(
                "Error from server (BadRequest): error when creating \""
                    + file
                    + "\": "
                    + "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal array into"
                    + " Go struct field ObjectMeta.metadata.labels of type map[string]string"),
        r.err());
    assertEquals(1, kc.run("get", "pod", "listy").code());
  }

  @Test
  void aPodRunsOnTheVirtualClockAndAnswersExec() throws Exception {
    Path file = dir.resolve("busy.yaml");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: busy}
        spec:
          containers:
          - name: c
            image: busybox
            command: ["sh", "-c", "echo started > /tmp/log; sleep 3600"]
        """);
    assertEquals(0, kc.run("apply", "-f", file.toString()).code());
    Kc.Result advanced = kc.run("sim", "clock", "advance", "10s");
    assertEquals(0, advanced.code(), advanced.err());
    assertTrue(kc.run("get", "pod", "busy").out().matches("(?s).*busy +1/1 +Running +0 .*"));
    Kc.Result exec = kc.run("exec", "busy", "--", "cat", "/tmp/log");
    assertEquals("started\n", exec.out(), exec.err());
    Kc.Result failing = kc.run("exec", "busy", "--", "sh", "-c", "exit 3");
    assertEquals(3, failing.code());
    assertEquals("command terminated with exit code 3\n", failing.err());
  }
}
