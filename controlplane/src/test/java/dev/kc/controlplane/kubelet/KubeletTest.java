package dev.kc.controlplane.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.controlplane.testing.TestCluster;
import dev.kc.store.Entry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated kubelet on a virtual clock: pods scheduled onto simulated nodes pull, start, probe,
 * restart and stop as Kubernetes' kubelet makes them.
 */
class KubeletTest {
  @TempDir Path home;
  TestCluster cluster;
  ObjectService objects;
  ResourceType pods;
  ResourceType events;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.startVirtual(home);
    objects = cluster.daemon().objects();
    pods = objects.registry().byResource("", "v1", "pods").orElseThrow();
    events = objects.registry().byResource("", "v1", "events").orElseThrow();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  ObjectNode createPod(String yamlish) {
    ObjectNode pod = (ObjectNode) Json.YAML.readTree(yamlish);
    return objects.create(pods, "v1", "default", pod, WriteOptions.internal("test")).object();
  }

  JsonNode pod(String name) {
    return objects.get(pods, "v1", "default", name);
  }

  String status(String name) {
    return Json.at(pod(name), "status", "phase").asString("");
  }

  JsonNode container(String name) {
    return pod(name).path("status").path("containerStatuses").get(0);
  }

  List<String> eventReasons(String involved) {
    List<String> out = new ArrayList<>();
    for (Entry e : objects.list(events, "default", Selectors.NONE).entries()) {
      JsonNode ev = Json.decode(e.value());
      if (ev.path("involvedObject").path("name").asString("").equals(involved)) {
        out.add(ev.path("reason").asString("") + ": " + ev.path("message").asString(""));
      }
    }
    return out;
  }

  void advance(int seconds) throws InterruptedException {
    cluster.advance(Duration.ofSeconds(seconds));
  }

  @Test
  void aServerPodPullsItsImageAndRuns() throws Exception {
    createPod(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - name: nginx
            image: nginx:1.14.2
            ports: [{containerPort: 80}]
            readinessProbe: {httpGet: {path: /, port: 80}, periodSeconds: 5}
        """);
    advance(1);
    assertEquals("Pending", status("web"));
    advance(10);
    assertEquals("Running", status("web"));
    JsonNode c = container("web");
    assertTrue(c.path("ready").asBoolean(), c.toString());
    assertFalse(Json.at(pod("web"), "status", "podIP").asString("").isEmpty());
    assertFalse(Json.at(pod("web"), "spec", "nodeName").asString("").isEmpty());
    List<String> reasons = eventReasons("web");
    assertTrue(
        reasons.stream().anyMatch(r -> r.startsWith("Pulling: Pulling image \"nginx:1.14.2\"")),
        reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.startsWith("Pulled: Successfully pulled image")),
        reasons.toString());
    assertTrue(reasons.contains("Created: Created container: nginx"), reasons.toString());
    assertTrue(reasons.contains("Started: Started container nginx"), reasons.toString());
  }

  @Test
  void anUnknownImageBacksOffBetweenPulls() throws Exception {
    createPod(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: bad}
        spec:
          containers: [{name: app, image: "app:9.9.9"}]
        """);
    advance(2);
    String reason = container("bad").path("state").path("waiting").path("reason").asString();
    assertTrue(reason.equals("ErrImagePull") || reason.equals("ImagePullBackOff"), reason);
    advance(5);
    assertEquals(
        "ImagePullBackOff",
        container("bad").path("state").path("waiting").path("reason").asString());
    List<String> reasons = eventReasons("bad");
    assertTrue(
        reasons.stream().anyMatch(r -> r.equals("Failed: Error: ErrImagePull")),
        reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.equals("BackOff: Back-off pulling image \"app:9.9.9\"")),
        reasons.toString());
  }

  @Test
  void pullPolicyNeverWaitsForALoadedImage() throws Exception {
    createPod(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: local}
        spec:
          containers: [{name: app, image: "app:1.0.3", imagePullPolicy: Never}]
        """);
    advance(5);
    JsonNode waiting = container("local").path("state").path("waiting");
    assertEquals("ErrImageNeverPull", waiting.path("reason").asString());
    assertEquals(
        "Container image \"app:1.0.3\" is not present with pull policy of Never",
        waiting.path("message").asString());
    cluster
        .daemon()
        .kubelet()
        .images()
        .load(List.of("app:1.0.3"), List.of(), objects.clock().now());
    advance(2);
    assertEquals("Running", status("local"));
  }

  @Test
  void aPodThatFitsNoNodeStaysPendingWithFailedScheduling() throws Exception {
    createPod(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: huge}
        spec:
          containers:
          - name: app
            image: nginx
            resources: {requests: {cpu: "64"}}
        """);
    advance(5);
    assertEquals("Pending", status("huge"));
    List<String> reasons = eventReasons("huge");
    assertTrue(
        reasons.stream().anyMatch(r -> r.startsWith("FailedScheduling: 0/4 nodes are available:")),
        reasons.toString());
  }

  @Test
  void deletionWaitsForTheGracePeriodOfAShellThatIgnoresSigterm() throws Exception {
    createPod(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: sleeper}
        spec:
          terminationGracePeriodSeconds: 20
          containers:
          - name: app
            image: busybox
            command: ["sh", "-c", "sleep 3600"]
        """);
    advance(5);
    assertEquals("Running", status("sleeper"));
    objects.delete(pods, "v1", "default", "sleeper", DeleteOptions.DEFAULT);
    advance(10);
    assertFalse(Json.at(pod("sleeper"), "metadata", "deletionTimestamp").isMissingNode());
    advance(15);
    ApiException gone =
        org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> pod("sleeper"));
    assertEquals(404, gone.code());
  }

  static final String SEED_POD =
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: app
        labels: {name: app}
      spec:
        shareProcessNamespace: true
        containers:
          - name: app
            image: app:1.0.0
            imagePullPolicy: Never
            lifecycle:
              postStart:
                exec:
                  command: ["/bin/sh", "-c", "echo Hello Test Start> /tmp/mylog"]
              preStop:
                exec:
                  command: ["/bin/sh", "-c", "echo Hello Test End> /tmp/app/mylog"]
            volumeMounts:
              - mountPath: /tmp/app
                name: app-volume
            ports:
              - containerPort: 8080
                hostPort: 8080
            livenessProbe:
              exec:
                command: [cat, /tmp/app/healthy]
              initialDelaySeconds: 5
              periodSeconds: 5
        volumes:
          - name: app-volume
            emptyDir: {}
      """;

  Kubelet.ExecResult exec(String pod, String... argv) {
    return cluster
        .daemon()
        .kubelet()
        .exec("default", pod, null, List.of(argv), Duration.ofMinutes(1));
  }

  int restarts(String pod) {
    return container(pod).path("restartCount").asInt();
  }

  @Test
  void theSeedPodRestartsUntilItsHealthFileExistsAndRunsItsHooks() throws Exception {
    cluster
        .daemon()
        .kubelet()
        .images()
        .load(List.of("app:1.0.0"), List.of(), objects.clock().now());
    createPod(SEED_POD);
    advance(4);
    assertEquals("Running", status("app"), pod("app").toString() + eventReasons("app"));
    assertEquals("Hello Test Start\n", exec("app", "cat", "/tmp/mylog").output());

    // Probes at 5, 10, 15 s fail; the third failure kills the app, which exits on SIGTERM.
    advance(12);
    assertEquals(1, restarts("app"));
    assertEquals(
        "Hello Test End\n",
        exec("app", "cat", "/tmp/app/mylog").output(),
        "preStop ran before the restart and wrote into the emptyDir");
    List<String> reasons = eventReasons("app");
    assertTrue(
        reasons.stream().anyMatch(r -> r.startsWith("Unhealthy: Liveness probe failed:")),
        reasons.toString());
    assertTrue(
        reasons.contains("Killing: Container app failed liveness probe, will be restarted"),
        reasons.toString());

    // Restarted at once the first time; the next failure backs off 10 s, then 20 s...
    advance(60);
    int during = restarts("app");
    assertTrue(during >= 2, "restarts: " + during);
    // Like the seed walkthrough: exec works only while the container runs, not during back-off.
    boolean touched = false;
    for (int i = 0; i < 20 && !touched; i++) {
      try {
        touched = exec("app", "touch", "/tmp/app/healthy").exitCode() == 0;
      } catch (ApiException e) {
        advance(5);
      }
    }
    assertTrue(touched);
    advance(300);
    int after = restarts("app");
    advance(600);
    assertEquals(after, restarts("app"), "a healthy container is no longer restarted");
    assertEquals("Running", status("app"));

    objects.delete(pods, "v1", "default", "app", DeleteOptions.DEFAULT);
    advance(1);
    org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, () -> pod("app"));
  }

  @Test
  void theDocsExecLivenessExampleRestartsAfterItsFileDisappears() throws Exception {
    createPod(
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: liveness-exec, labels: {test: liveness}}
        spec:
          containers:
          - name: liveness
            image: registry.k8s.io/busybox:1.27.2
            args: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
            livenessProbe:
              exec: {command: [cat, /tmp/healthy]}
              initialDelaySeconds: 5
              periodSeconds: 5
        """);
    advance(30);
    assertEquals(0, restarts("liveness-exec"));
    // The file goes at ~31.5 s; failures at 35, 40, 45 s; the shell ignores SIGTERM as PID 1, so
    // it is killed after the 30 s grace period and restarted.
    advance(30);
    assertEquals(0, restarts("liveness-exec"), "still within the grace period");
    advance(20);
    assertEquals(1, restarts("liveness-exec"));
    JsonNode last = container("liveness-exec").path("lastState").path("terminated");
    assertEquals(137, last.path("exitCode").asInt(), last.toString());
  }
}
