package dev.kc.controlplane.controller.deployment;

import static dev.kc.controlplane.controller.testing.ControllerHarness.condition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.controller.replicaset.ReplicaSetController;
import dev.kc.controlplane.controller.testing.ControllerHarness;
import dev.kc.controlplane.controller.testing.Fixtures;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Deployment controller together with the ReplicaSet controller on a real store, informers and
 * a virtual clock. No kubelet: the test plays it by marking pods Running and Ready.
 */
class DeploymentControllerTest {
  @TempDir Path dir;
  ControllerHarness h;

  @BeforeEach
  void setUp() {
    h = ControllerHarness.open(dir);
    h.start(
        new ReplicaSetController(h.informers, h.objects, h.events, h.clock),
        new DeploymentController(h.informers, h.objects, h.events, h.clock));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  // ---- fixtures ----------------------------------------------------------------------------

  /** A Deployment in {@code default} selecting and labelling its pods {@code app=<name>}. */
  static ObjectNode deployment(String name, int replicas, String... patches) {
    ObjectNode d =
        Fixtures.parse(
            "{apiVersion:'apps/v1',kind:'Deployment',metadata:{name:'"
                + name
                + "',namespace:'default'},spec:{replicas:"
                + replicas
                + ",selector:{matchLabels:{app:'"
                + name
                + "'}},template:{metadata:{labels:{app:'"
                + name
                + "'}},spec:{containers:[{name:'app',image:'nginx:1.27'}]}}}}");
    return Fixtures.merge(d, patches);
  }

  ObjectNode deploy(String name) {
    return h.get("apps/v1", "Deployment", "default", name);
  }

  void updateDeployment(String name, Consumer<ObjectNode> change) {
    h.update(
        "apps/v1",
        "Deployment",
        "default",
        name,
        null,
        d -> {
          change.accept(d);
          return d;
        });
  }

  void setImage(String name, String image) {
    updateDeployment(
        name,
        d ->
            ((ObjectNode) d.path("spec").path("template").path("spec").path("containers").get(0))
                .put("image", image));
  }

  void scale(String name, int replicas) {
    updateDeployment(name, d -> Json.with(d, "spec").put("replicas", replicas));
  }

  /** Owned ReplicaSets, oldest first. */
  List<ObjectNode> replicaSets() {
    List<ObjectNode> out = new ArrayList<>(h.list("apps/v1", "ReplicaSet", "default"));
    out.sort(ReplicaSets.BY_CREATION);
    return out;
  }

  ObjectNode replicaSetWithImage(String image) {
    for (ObjectNode rs : replicaSets()) {
      if (Json.at(rs, "spec", "template", "spec", "containers")
          .get(0)
          .path("image")
          .asString()
          .equals(image)) {
        return rs;
      }
    }
    return null;
  }

  /** Marks every active, not yet ready pod (optionally only those with {@code image}) Ready. */
  void makePodsReady(String image) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (ObjectNode p : h.pods()) {
        boolean active = Json.at(p, "metadata", "deletionTimestamp").isMissingNode();
        boolean ready = condition(p, "Ready").path("status").asString("").equals("True");
        String podImage = Json.at(p, "spec", "containers").get(0).path("image").asString();
        if (active && !ready && (image == null || image.equals(podImage))) {
          h.markRunning(ReplicaSets.name(p), true);
          changed = true;
        }
      }
    }
  }

  /** Messages of ScalingReplicaSet events, in the order they were recorded. */
  List<String> scalingEvents() {
    ResourceType t = h.type("v1", "Event");
    List<Entry> entries = new ArrayList<>(h.objects.list(t, "default", Selectors.NONE).entries());
    entries.sort(Comparator.comparingLong(Entry::revision));
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      ObjectNode ev = Json.decode(e.value());
      if (Json.text(ev, "reason").equals("ScalingReplicaSet")) {
        out.add(Json.text(ev, "message"));
      }
    }
    return out;
  }

  static long status(ObjectNode obj, String field) {
    return obj.path("status").path(field).asLong(0);
  }

  static String annotation(ObjectNode obj, String key) {
    return Json.at(obj, "metadata", "annotations", key).asString(null);
  }

  // ---- tests -------------------------------------------------------------------------------

  @Test
  void createsANamedOwnedAnnotatedReplicaSetAndReportsCompleteStatus() {
    ObjectNode created =
        h.create(
            deployment(
                "web",
                3,
                "{metadata:{annotations:{'kubernetes.io/change-cause':'first','team':'a',"
                    + "'kubectl.kubernetes.io/last-applied-configuration':'{}'}}}"));
    makePodsReady(null);

    List<ObjectNode> rss = replicaSets();
    assertEquals(1, rss.size());
    ObjectNode rs = rss.get(0);
    String hash = Json.at(rs, "metadata", "labels", "pod-template-hash").asString();
    assertTrue(hash.matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}"), hash);
    assertEquals("web-" + hash, ReplicaSets.name(rs));
    assertEquals(
        hash, Json.at(rs, "spec", "selector", "matchLabels", "pod-template-hash").asString());
    assertEquals(
        hash,
        Json.at(rs, "spec", "template", "metadata", "labels", "pod-template-hash").asString());
    JsonNode ref = Json.at(rs, "metadata", "ownerReferences").get(0);
    assertEquals("apps/v1", ref.path("apiVersion").asString());
    assertEquals("Deployment", ref.path("kind").asString());
    assertEquals("web", ref.path("name").asString());
    assertEquals(ReplicaSets.uid(created), ref.path("uid").asString());
    assertTrue(ref.path("controller").asBoolean() && ref.path("blockOwnerDeletion").asBoolean());
    assertEquals("1", annotation(rs, ReplicaSets.REVISION));
    assertEquals("3", annotation(rs, ReplicaSets.DESIRED_REPLICAS));
    assertEquals("4", annotation(rs, ReplicaSets.MAX_REPLICAS));
    assertEquals("first", annotation(rs, "kubernetes.io/change-cause"));
    assertEquals("a", annotation(rs, "team"));
    assertNull(annotation(rs, "kubectl.kubernetes.io/last-applied-configuration"));
    assertEquals(List.of("Scaled up replica set web-" + hash + " from 0 to 3"), scalingEvents());

    ObjectNode d = deploy("web");
    assertEquals("1", annotation(d, ReplicaSets.REVISION));
    assertEquals(Deployments.generation(d), status(d, "observedGeneration"));
    for (String f : List.of("replicas", "updatedReplicas", "readyReplicas", "availableReplicas")) {
      assertEquals(3, status(d, f), f);
    }
    assertFalse(d.path("status").has("unavailableReplicas"));
    JsonNode available = condition(d, "Available");
    assertEquals("True", available.path("status").asString());
    assertEquals("MinimumReplicasAvailable", available.path("reason").asString());
    assertEquals("Deployment has minimum availability.", available.path("message").asString());
    JsonNode progressing = condition(d, "Progressing");
    assertEquals("True", progressing.path("status").asString());
    assertEquals("NewReplicaSetAvailable", progressing.path("reason").asString());
    assertEquals(
        "ReplicaSet \"web-" + hash + "\" has successfully progressed.",
        progressing.path("message").asString());
  }

  @Test
  void rollingUpdateTakesOneStepPerSyncInTheSeedOrder() {
    h.create(deployment("web", 3));
    makePodsReady(null);
    String oldName = ReplicaSets.name(replicaSets().get(0));

    setImage("web", "nginx:1.28");
    makePodsReady(null);

    String newName = ReplicaSets.name(replicaSetWithImage("nginx:1.28"));
    List<String> events = scalingEvents();
    assertEquals(
        List.of(
            "Scaled up replica set " + oldName + " from 0 to 3",
            "Scaled up replica set " + newName + " from 0 to 1",
            "Scaled down replica set " + oldName + " from 3 to 2",
            "Scaled up replica set " + newName + " from 1 to 2",
            "Scaled down replica set " + oldName + " from 2 to 1",
            "Scaled up replica set " + newName + " from 2 to 3",
            "Scaled down replica set " + oldName + " from 1 to 0"),
        events);
    ObjectNode d = deploy("web");
    assertEquals("2", annotation(d, ReplicaSets.REVISION));
    assertEquals("2", annotation(replicaSetWithImage("nginx:1.28"), ReplicaSets.REVISION));
    assertEquals(3, status(d, "updatedReplicas"));
    assertEquals(3, status(d, "availableReplicas"));
    assertEquals("NewReplicaSetAvailable", condition(d, "Progressing").path("reason").asString());
  }

  @Test
  void scalingDuringAStuckRolloutIsProportional() {
    h.create(
        deployment(
            "web",
            10,
            "{spec:{strategy:{type:'RollingUpdate',rollingUpdate:{maxSurge:3,maxUnavailable:2}}}}"));
    makePodsReady(null);

    setImage("web", "registry.invalid/nope:1");
    assertEquals(8, ReplicaSets.replicas(replicaSetWithImage("nginx:1.27")));
    assertEquals(5, ReplicaSets.replicas(replicaSetWithImage("registry.invalid/nope:1")));

    scale("web", 15);
    assertEquals(11, ReplicaSets.replicas(replicaSetWithImage("nginx:1.27")));
    assertEquals(7, ReplicaSets.replicas(replicaSetWithImage("registry.invalid/nope:1")));
    ObjectNode newRS = replicaSetWithImage("registry.invalid/nope:1");
    assertEquals("15", annotation(newRS, ReplicaSets.DESIRED_REPLICAS));
    assertEquals("18", annotation(newRS, ReplicaSets.MAX_REPLICAS));
  }

  @Test
  void pausedTemplateChangesMakeOneNewReplicaSetOnResume() {
    h.create(deployment("web", 2));
    makePodsReady(null);

    updateDeployment("web", d -> Json.with(d, "spec").put("paused", true));
    setImage("web", "nginx:1.28");
    setImage("web", "nginx:1.29");
    assertEquals(1, replicaSets().size(), "no new ReplicaSet while paused");
    JsonNode paused = condition(deploy("web"), "Progressing");
    assertEquals("Unknown", paused.path("status").asString());
    assertEquals("DeploymentPaused", paused.path("reason").asString());
    assertEquals("Deployment is paused", paused.path("message").asString());

    updateDeployment("web", d -> ((ObjectNode) d.path("spec")).remove("paused"));
    makePodsReady(null);

    assertEquals(2, replicaSets().size());
    assertNotNull(replicaSetWithImage("nginx:1.29"));
    assertNull(replicaSetWithImage("nginx:1.28"));
    assertEquals(2, ReplicaSets.replicas(replicaSetWithImage("nginx:1.29")));
  }

  @Test
  void progressDeadlineExceededIsReportedOnTheClock() {
    h.create(deployment("web", 1, "{spec:{progressDeadlineSeconds:30}}"));
    makePodsReady(null);

    setImage("web", "registry.invalid/nope:1");
    assertEquals(
        "ReplicaSetUpdated", condition(deploy("web"), "Progressing").path("reason").asString());
    h.advance(Duration.ofSeconds(20));
    assertEquals("True", condition(deploy("web"), "Progressing").path("status").asString());
    h.advance(Duration.ofSeconds(15));

    JsonNode c = condition(deploy("web"), "Progressing");
    String newName = ReplicaSets.name(replicaSetWithImage("registry.invalid/nope:1"));
    assertEquals("False", c.path("status").asString());
    assertEquals("ProgressDeadlineExceeded", c.path("reason").asString());
    assertEquals(
        "ReplicaSet \"" + newName + "\" has timed out progressing.", c.path("message").asString());
  }

  @Test
  void revertingTheTemplateReusesTheOldReplicaSetWithANewRevision() {
    h.create(deployment("web", 2));
    makePodsReady(null);
    String first = ReplicaSets.name(replicaSets().get(0));
    setImage("web", "nginx:1.28");
    makePodsReady(null);

    setImage("web", "nginx:1.27");
    makePodsReady(null);

    assertEquals(2, replicaSets().size());
    ObjectNode reused = replicaSetWithImage("nginx:1.27");
    assertEquals(first, ReplicaSets.name(reused));
    assertEquals("3", annotation(reused, ReplicaSets.REVISION));
    assertEquals("1", annotation(reused, ReplicaSets.REVISION_HISTORY));
    assertEquals(2, ReplicaSets.replicas(reused));
    assertEquals(0, ReplicaSets.replicas(replicaSetWithImage("nginx:1.28")));
    assertEquals("3", annotation(deploy("web"), ReplicaSets.REVISION));
  }

  @Test
  void revisionHistoryLimitKeepsThatManyOldReplicaSets() {
    h.create(deployment("web", 1, "{spec:{revisionHistoryLimit:2}}"));
    makePodsReady(null);
    for (String v : List.of("1.28", "1.29", "1.30", "1.31")) {
      setImage("web", "nginx:" + v);
      makePodsReady(null);
    }
    h.advance(Duration.ofSeconds(1));

    List<ObjectNode> rss = replicaSets();
    assertEquals(3, rss.size(), "the new one and two old ones");
    assertNotNull(replicaSetWithImage("nginx:1.31"));
    assertNotNull(replicaSetWithImage("nginx:1.30"));
    assertNotNull(replicaSetWithImage("nginx:1.29"));
  }

  @Test
  void recreateWaitsForEveryOldPodToBeGone() {
    h.create(deployment("web", 2, "{spec:{strategy:{type:'Recreate',rollingUpdate:null}}}"));
    for (ObjectNode p : h.pods()) {
      h.bind("default", ReplicaSets.name(p), "n1");
    }
    makePodsReady(null);

    setImage("web", "nginx:1.28");
    assertEquals(1, replicaSets().size(), "new ReplicaSet only once old pods are gone");
    assertEquals(0, ReplicaSets.replicas(replicaSets().get(0)));
    List<ObjectNode> terminating = h.pods();
    assertEquals(2, terminating.size());

    for (ObjectNode p : terminating) {
      h.delete("v1", "Pod", "default", ReplicaSets.name(p), DeleteOptions.now());
    }
    ObjectNode newRS = replicaSetWithImage("nginx:1.28");
    assertNotNull(newRS);
    assertEquals(2, ReplicaSets.replicas(newRS));
    makePodsReady(null);
    JsonNode available = condition(deploy("web"), "Available");
    assertEquals("True", available.path("status").asString());
    assertEquals(
        List.of(
            "Scaled up replica set " + ReplicaSets.name(replicaSets().get(0)) + " from 0 to 2",
            "Scaled down replica set " + ReplicaSets.name(replicaSets().get(0)) + " from 2 to 0",
            "Scaled up replica set " + ReplicaSets.name(newRS) + " from 0 to 2"),
        scalingEvents());
  }
}
