package dev.kc.controlplane.controller.replicaset;

import static dev.kc.controlplane.controller.testing.Fixtures.pod;
import static dev.kc.controlplane.controller.testing.Fixtures.replicaSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.controller.testing.ControllerHarness;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.registry.ResourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The ReplicaSet controller on a real store and informers, with a virtual clock. */
class ReplicaSetControllerTest {
  @TempDir Path dir;
  ControllerHarness h;

  @BeforeEach
  void setUp() {
    h = ControllerHarness.open(dir);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  void startController() {
    h.start(new ReplicaSetController(h.informers, h.objects, h.events, h.clock));
  }

  ObjectNode rs(String name) {
    return h.get("apps/v1", "ReplicaSet", "default", name);
  }

  static long status(ObjectNode rs, String field) {
    return rs.path("status").path(field).asLong(0);
  }

  void scale(String name, int replicas) {
    h.update(
        "apps/v1",
        "ReplicaSet",
        "default",
        name,
        null,
        r -> {
          Json.with(r, "spec").put("replicas", replicas);
          return r;
        });
  }

  List<String> activePodNames() {
    List<String> out = new ArrayList<>();
    for (ObjectNode p : h.pods()) {
      if (Pods.isActive(p)) {
        out.add(Pods.name(p));
      }
    }
    return out;
  }

  @Test
  void createsTheReplicasWithAControllerReference() {
    startController();
    ObjectNode web =
        h.create(replicaSet("web", 3, "{spec:{template:{metadata:{annotations:{note:'x'}}}}}"));

    List<ObjectNode> pods = h.pods();
    assertEquals(3, pods.size());
    for (ObjectNode p : pods) {
      assertTrue(Pods.name(p).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}"), Pods.name(p));
      assertEquals("web-", Json.at(p, "metadata", "generateName").asString());
      assertEquals("web", Json.at(p, "metadata", "labels", "app").asString());
      assertEquals("x", Json.at(p, "metadata", "annotations", "note").asString());
      assertEquals("nginx:1.27", p.path("spec").path("containers").get(0).path("image").asString());
      JsonNode ref = Json.at(p, "metadata", "ownerReferences");
      assertEquals(1, ref.size());
      assertEquals(
          Json.parseObject(
              ("{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\","
                      + "\"name\":\"web\",\"uid\":\""
                      + Pods.uid(web)
                      + "\",\"controller\":true,"
                      + "\"blockOwnerDeletion\":true}")
                  .getBytes()),
          ref.get(0));
    }
    List<String> created = h.eventMessages("web", "SuccessfulCreate");
    assertEquals(3, created.size());
    for (ObjectNode p : pods) {
      assertTrue(created.contains("Created pod: " + Pods.name(p)));
    }
    ObjectNode rs = rs("web");
    assertEquals(3, status(rs, "replicas"));
    assertEquals(3, status(rs, "fullyLabeledReplicas"));
    assertEquals(1, status(rs, "observedGeneration"));
    assertFalse(rs.path("status").has("readyReplicas"), "zero counts are omitted");
  }

  @Test
  void replacesADeletedPod() {
    startController();
    h.create(replicaSet("web", 3));
    String victim = Pods.name(h.pods().get(0));

    h.delete("v1", "Pod", "default", victim, DeleteOptions.DEFAULT);

    assertEquals(3, h.pods().size());
    assertFalse(activePodNames().contains(victim));
    assertEquals(4, h.eventMessages("web", "SuccessfulCreate").size());
  }

  @Test
  void replacesAPodAsSoonAsItsGracefulDeletionStarts() {
    startController();
    ObjectNode rs = h.create(replicaSet("web", 1));
    String first = Pods.name(h.pods().get(0));
    h.bind("default", first, "n1");

    h.delete("v1", "Pod", "default", first, DeleteOptions.DEFAULT);

    assertTrue(Pods.isDeleting(h.pod(first)), "still terminating: no kubelet here");
    assertEquals(1, activePodNames().size());
    assertEquals(1, status(rs("web"), "replicas"));
    assertEquals(Pods.uid(rs), Pods.controllerRef(h.pods().get(1)).path("uid").asString());
  }

  @Test
  void adoptsMatchingOrphansAndDeletesTheSurplusCheapestFirst() {
    startController();
    String app = "{metadata:{labels:{app:'web'}}}";
    String onNode = "{spec:{nodeName:'n1'}}";
    h.create(pod("unscheduled", app));
    h.create(pod("pending", app, onNode));
    h.create(pod("not-ready", app, onNode));
    h.markRunning("not-ready", false);
    h.create(
        pod(
            "ready-cheap",
            app,
            onNode,
            "{metadata:{annotations:{'controller.kubernetes.io/pod-deletion-cost':'-100'}}}"));
    h.markRunning("ready-cheap", true);
    h.create(pod("ready-1", app, onNode));
    h.markRunning("ready-1", true);
    h.create(pod("ready-2", app, onNode));
    h.markRunning("ready-2", true);
    h.create(pod("other", "{metadata:{labels:{app:'other'}}}"));

    ObjectNode web = h.create(replicaSet("web", 2));

    assertEquals(List.of("other", "ready-1", "ready-2"), activePodNames());
    for (String name : List.of("ready-1", "ready-2")) {
      assertEquals(
          Pods.uid(web), Pods.controllerRef(h.pod(name)).path("uid").asString(), name + " adopted");
    }
    assertEquals(null, Pods.controllerRef(h.pod("other")));
    assertEquals(
        List.of(
            "Deleted pod: not-ready",
            "Deleted pod: pending",
            "Deleted pod: ready-cheap",
            "Deleted pod: unscheduled"),
        h.eventMessages("web", "SuccessfulDelete").stream().sorted().toList());
    assertEquals(0, h.eventMessages("web", "SuccessfulCreate").size());
    assertEquals(2, status(rs("web"), "replicas"));
    assertEquals(2, status(rs("web"), "readyReplicas"));
  }

  @Test
  void scalingDownDeletesNotReadyPodsBeforeReadyOnes() {
    startController();
    h.create(replicaSet("web", 3));
    List<String> names = new ArrayList<>();
    for (ObjectNode p : h.pods()) {
      names.add(Pods.name(p));
    }
    h.markRunning(names.get(0), true);
    h.markRunning(names.get(1), false);
    h.markRunning(names.get(2), true);

    scale("web", 2);
    List<String> ready = List.of(names.get(0), names.get(2)).stream().sorted().toList();
    assertEquals(ready, activePodNames());
    assertEquals(
        List.of("Deleted pod: " + names.get(1)), h.eventMessages("web", "SuccessfulDelete"));

    scale("web", 1);
    assertEquals(1, activePodNames().size());
    assertTrue(ready.contains(activePodNames().get(0)));
    assertEquals(1, status(rs("web"), "replicas"));
    assertEquals(1, status(rs("web"), "readyReplicas"));
  }

  @Test
  void releasesAPodWhoseLabelsNoLongerMatchAndReplacesIt() {
    startController();
    h.create(replicaSet("web", 2));
    String moved = Pods.name(h.pods().get(0));

    h.update(
        "v1",
        "Pod",
        "default",
        moved,
        null,
        p -> {
          Json.with(Json.metadata(p), "labels").put("app", "debug");
          return p;
        });

    assertEquals(null, Pods.controllerRef(h.pod(moved)));
    assertFalse(Json.at(h.pod(moved), "metadata").has("ownerReferences"));
    assertEquals(3, h.pods().size());
    assertEquals(2, status(rs("web"), "replicas"));
  }

  @Test
  void availabilityWaitsForMinReadySecondsOnTheClock() {
    startController();
    h.create(replicaSet("web", 2, "{spec:{minReadySeconds:10}}"));
    for (ObjectNode p : h.pods()) {
      h.markRunning(Pods.name(p), true);
    }
    assertEquals(2, status(rs("web"), "readyReplicas"));
    assertEquals(0, status(rs("web"), "availableReplicas"));

    h.advance(Duration.ofSeconds(10));
    assertEquals(0, status(rs("web"), "availableReplicas"), "needs more than 10s");

    h.advance(Duration.ofSeconds(1));
    assertEquals(2, status(rs("web"), "availableReplicas"));
  }

  @Test
  void fullyLabeledCountsOnlyPodsWithEveryTemplateLabel() {
    startController();
    h.create(pod("orphan", "{metadata:{labels:{app:'web'}}}"));
    h.create(replicaSet("web", 2, "{spec:{template:{metadata:{labels:{app:'web',tier:'fe'}}}}}"));

    assertEquals(2, status(rs("web"), "replicas"));
    assertEquals(1, status(rs("web"), "fullyLabeledReplicas"));
  }

  @Test
  void failedCreationsAreReportedAndClearedOnceCreationWorksAgain() {
    AtomicBoolean failing = new AtomicBoolean(true);
    PodControl real = PodControl.of(h.objects, ReplicaSetController.NAME);
    ResourceType pods = h.type("v1", "Pod");
    PodControl flaky =
        new PodControl() {
          @Override
          public ObjectNode create(String namespace, ObjectNode pod) {
            if (failing.get()) {
              throw ApiException.forbidden(pods, "", "exceeded quota: pods");
            }
            return real.create(namespace, pod);
          }

          @Override
          public void delete(String namespace, String name) {
            real.delete(namespace, name);
          }
        };
    h.start(new ReplicaSetController(h.informers, h.objects, h.events, h.clock, flaky));

    h.create(replicaSet("web", 3));

    String error = "pods \"\" is forbidden: exceeded quota: pods";
    JsonNode cond = ControllerHarness.condition(rs("web"), "ReplicaFailure");
    assertEquals("True", cond.path("status").asString());
    assertEquals("FailedCreate", cond.path("reason").asString());
    assertEquals(error, cond.path("message").asString());
    // One attempt per sync (a batch of one), retried with back-off; the status write itself
    // triggers one immediate resync, as in Kubernetes.
    List<String> failures = h.eventMessages("web", "FailedCreate");
    assertFalse(failures.isEmpty());
    assertTrue(
        failures.stream().allMatch(("Error creating: " + error)::equals), failures::toString);
    assertEquals(0, h.pods().size());

    failing.set(false);
    h.advance(Duration.ofSeconds(1));

    assertEquals(3, h.pods().size());
    assertTrue(ControllerHarness.condition(rs("web"), "ReplicaFailure").isMissingNode());
    assertEquals(3, status(rs("web"), "replicas"));
  }

  @Test
  void slowStartCreatesInDoublingBatchesAndStopsAtAFailingOne() {
    List<Boolean> calls = new ArrayList<>();
    PodControl real = PodControl.of(h.objects, ReplicaSetController.NAME);
    ResourceType pods = h.type("v1", "Pod");
    PodControl fourthFails =
        new PodControl() {
          @Override
          public synchronized ObjectNode create(String namespace, ObjectNode pod) {
            boolean fail = calls.size() == 3;
            calls.add(!fail);
            if (fail) {
              throw ApiException.invalid(pods, "", "Pod \"\" is invalid", List.of());
            }
            return real.create(namespace, pod);
          }

          @Override
          public void delete(String namespace, String name) {
            real.delete(namespace, name);
          }
        };
    h.start(new ReplicaSetController(h.informers, h.objects, h.events, h.clock, fourthFails));

    h.create(replicaSet("web", 10));
    h.advance(Duration.ofSeconds(1));

    // First sync: batches of 1 and 2 succeed, the batch of 4 fails on its first call and stops.
    // A later sync makes the remaining 4 (1 + 2 + 1).
    assertEquals(List.of(true, true, true, false, true, true, true, true, true, true, true), calls);
    assertEquals(10, h.pods().size());
    assertEquals(1, h.eventMessages("web", "FailedCreate").size());
  }

  @Test
  void aSyncDoesNotCreateAgainBeforeTheInformerHasSeenItsPods() {
    AtomicReference<ReplicaSetController> controller = new AtomicReference<>();
    AtomicInteger creates = new AtomicInteger();
    PodControl real = PodControl.of(h.objects, ReplicaSetController.NAME);
    PodControl resyncing =
        new PodControl() {
          @Override
          public ObjectNode create(String namespace, ObjectNode pod) {
            ObjectNode created = real.create(namespace, pod);
            if (creates.incrementAndGet() == 1) {
              // A second sync of the same key before the informer can have delivered the pod, as
              // happens when an RS event races the pod events.
              try {
                controller.get().syncReplicaSet("default/web");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
            return created;
          }

          @Override
          public void delete(String namespace, String name) {
            real.delete(namespace, name);
          }
        };
    controller.set(new ReplicaSetController(h.informers, h.objects, h.events, h.clock, resyncing));
    h.start(controller.get());

    h.create(replicaSet("web", 3));
    h.advance(Duration.ofMinutes(1));

    assertEquals(3, h.pods().size());
    assertEquals(3, creates.get());
  }

  @Test
  void aReplicaSetBeingDeletedNeitherAdoptsNorCreates() {
    startController();
    h.create(replicaSet("web", 2));
    h.delete(
        "apps/v1",
        "ReplicaSet",
        "default",
        "web",
        new DeleteOptions("Orphan", null, null, null, false));
    h.create(pod("orphan", "{metadata:{labels:{app:'web'}}}"));
    h.delete("v1", "Pod", "default", activePodNames().get(1), DeleteOptions.DEFAULT);

    assertEquals(List.of("orphan"), activePodNames().subList(0, 1));
    assertEquals(2, h.pods().size());
    assertEquals(null, Pods.controllerRef(h.pod("orphan")));
  }
}
