package dev.kc.controlplane.controller.gc;

import static dev.kc.controlplane.controller.testing.Fixtures.ownedBy;
import static dev.kc.controlplane.controller.testing.Fixtures.parse;
import static dev.kc.controlplane.controller.testing.Fixtures.pod;
import static dev.kc.controlplane.controller.testing.Fixtures.replicaSet;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The garbage collector with the ReplicaSet controller, on a real store and a virtual clock. */
class GarbageCollectorTest {
  @TempDir Path dir;
  ControllerHarness h;

  @BeforeEach
  void setUp() {
    h = ControllerHarness.open(dir);
    h.start(
        new ReplicaSetController(h.informers, h.objects, h.events, h.clock),
        new GarbageCollector(h.informers, h.objects, h.events, h.clock));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  static DeleteOptions propagation(String policy) {
    return new DeleteOptions(policy, null, null, null, false);
  }

  ObjectNode rs(String name) {
    return h.get("apps/v1", "ReplicaSet", "default", name);
  }

  static JsonNode ownerRefs(ObjectNode obj) {
    return Json.at(obj, "metadata", "ownerReferences");
  }

  /** Binds a pod to a node, so that deleting it waits for a kubelet (there is none here). */
  void bind(String pod) {
    h.bind("default", pod, "n1");
  }

  /** Plays the kubelet finishing a pod's termination. */
  void finishTermination(String pod) {
    h.delete("v1", "Pod", "default", pod, DeleteOptions.now());
  }

  static String name(ObjectNode obj) {
    return Json.at(obj, "metadata", "name").asString();
  }

  @Test
  void backgroundDeletionRemovesTheOwnerAtOnceAndThenItsPods() {
    h.create(replicaSet("web", 3));
    assertEquals(3, h.pods().size());

    h.delete("apps/v1", "ReplicaSet", "default", "web", DeleteOptions.DEFAULT);

    assertNull(rs("web"));
    assertEquals(List.of(), h.pods());
  }

  @Test
  void foregroundDeletionKeepsTheOwnerUntilItsPodsAreGone() {
    h.create(replicaSet("web", 2));
    String slow = name(h.pods().get(0));
    bind(slow);

    h.delete("apps/v1", "ReplicaSet", "default", "web", propagation("Foreground"));

    ObjectNode web = rs("web");
    assertNotNull(web, "kept while a pod terminates");
    assertFalse(Json.at(web, "metadata", "deletionTimestamp").isMissingNode());
    assertEquals("foregroundDeletion", Json.at(web, "metadata", "finalizers").get(0).asString());
    assertEquals(1, h.pods().size());
    assertFalse(
        Json.at(h.pod(slow), "metadata", "deletionTimestamp").isMissingNode(),
        "the bound pod is terminating");
    assertEquals(1, h.pods().size(), "not replaced: the ReplicaSet is being deleted");

    finishTermination(slow);

    assertNull(rs("web"));
    assertEquals(List.of(), h.pods());
  }

  @Test
  void foregroundDeletionDoesNotWaitForNonBlockingDependents() {
    ObjectNode owner = h.create(configMap("owner"));
    String loose =
        ownedBy(owner, false).replace("blockOwnerDeletion:true", "blockOwnerDeletion:false");
    h.create(pod("loose", loose));
    bind("loose");

    h.delete("v1", "ConfigMap", "default", "owner", propagation("Foreground"));

    assertNull(h.get("v1", "ConfigMap", "default", "owner"));
    assertFalse(
        Json.at(h.pod("loose"), "metadata", "deletionTimestamp").isMissingNode(),
        "deleted all the same");
  }

  @Test
  void orphanDeletionLeavesThePodsWithoutOwnerReferences() {
    h.create(replicaSet("web", 3));

    h.delete("apps/v1", "ReplicaSet", "default", "web", propagation("Orphan"));

    assertNull(rs("web"));
    List<ObjectNode> pods = h.pods();
    assertEquals(3, pods.size());
    for (ObjectNode p : pods) {
      assertTrue(ownerRefs(p).isMissingNode(), name(p) + " orphaned");
    }
    h.advance(Duration.ofMinutes(10));
    assertEquals(3, h.pods().size(), "nobody collects orphans");
  }

  @Test
  void aNewReplicaSetReadoptsOrphanedPods() {
    h.create(replicaSet("web", 2));
    h.delete("apps/v1", "ReplicaSet", "default", "web", propagation("Orphan"));

    ObjectNode again = h.create(replicaSet("web", 2));

    assertEquals(2, h.pods().size());
    for (ObjectNode p : h.pods()) {
      assertEquals(
          Json.at(again, "metadata", "uid").asString(), ownerRefs(p).get(0).path("uid").asString());
    }
  }

  static ObjectNode configMap(String name) {
    return parse(
        "{apiVersion:'v1',kind:'ConfigMap',metadata:{name:'" + name + "',namespace:'default'}}");
  }

  static String ref(String apiVersion, String kind, String name, String uid) {
    return "{metadata:{ownerReferences:[{apiVersion:'"
        + apiVersion
        + "',kind:'"
        + kind
        + "',name:'"
        + name
        + "',uid:'"
        + uid
        + "',controller:true,blockOwnerDeletion:true}]}}";
  }

  static Stream<Arguments> danglingOwners() {
    return Stream.of(
        Arguments.of(
            "an owner that never existed",
            ref("apps/v1", "ReplicaSet", "ghost", "00000000-0000-0000-0000-000000000000"),
            true),
        Arguments.of(
            "an owner by name whose uid differs",
            ref("v1", "ConfigMap", "existing", "11111111-1111-1111-1111-111111111111"),
            true),
        Arguments.of(
            "an owner of a kind the API does not serve",
            ref("example.com/v1", "Widget", "w", "22222222-2222-2222-2222-222222222222"),
            false),
        Arguments.of("an owner that exists", "{}", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("danglingOwners")
  void collectsObjectsWhoseOwnersAreGone(String name, String ownerRef, boolean collected) {
    ObjectNode existing = h.create(configMap("existing"));
    String refs = ownerRef.equals("{}") ? ownedBy(existing, true) : ownerRef;

    h.create(pod("dependent", refs));

    assertEquals(collected, h.pod("dependent") == null);
  }

  @Test
  void anObjectWithAnotherOwnerOnlyLosesTheReferenceToTheDeletedOne() {
    ObjectNode a = h.create(configMap("a"));
    ObjectNode b = h.create(configMap("b"));
    String two = "{metadata:{ownerReferences:[" + refOf(a) + "," + refOf(b) + "]}}";
    h.create(pod("shared", two));

    h.delete("v1", "ConfigMap", "default", "a", DeleteOptions.DEFAULT);

    JsonNode refs = ownerRefs(h.pod("shared"));
    assertEquals(1, refs.size());
    assertEquals("b", refs.get(0).path("name").asString());

    h.delete("v1", "ConfigMap", "default", "b", DeleteOptions.DEFAULT);
    assertNull(h.pod("shared"));
  }

  private static String refOf(ObjectNode owner) {
    String r = ownedBy(owner, false);
    return r.substring(r.indexOf('[') + 1, r.lastIndexOf(']'));
  }

  @Test
  void foregroundDeletionCascadesThroughAChainOfKinds() {
    ObjectNode deploy =
        h.create(
            parse(
                "{apiVersion:'apps/v1',kind:'Deployment',metadata:{"
                    + "name:'web',namespace:'default'},spec:{replicas:2,"
                    + "selector:{matchLabels:{app:'web'}},"
                    + "template:{metadata:{labels:{app:'web'}},spec:{containers:[{name:'app',"
                    + "image:'nginx'}]}}}}"));
    h.create(
        replicaSet(
            "web-abc",
            2,
            ownedBy(deploy, true),
            "{spec:{selector:{matchLabels:{app:'web'}},"
                + "template:{metadata:{labels:{app:'web'}}}}}"));
    assertEquals(2, h.pods().size());
    String slow = name(h.pods().get(0));
    bind(slow);

    h.delete("apps/v1", "Deployment", "default", "web", propagation("Foreground"));

    assertNotNull(h.get("apps/v1", "Deployment", "default", "web"));
    ObjectNode middle = rs("web-abc");
    assertNotNull(middle);
    assertEquals(
        "foregroundDeletion",
        Json.at(middle, "metadata", "finalizers").get(0).asString(),
        "the ReplicaSet is itself deleted in the foreground");

    finishTermination(slow);

    assertNull(rs("web-abc"));
    assertNull(h.get("apps/v1", "Deployment", "default", "web"));
    assertEquals(List.of(), h.pods());
  }

  @Test
  void backgroundDeletionCascadesThroughAChainOfKinds() {
    ObjectNode deploy =
        h.create(
            parse(
                "{apiVersion:'apps/v1',kind:'Deployment',metadata:{"
                    + "name:'web',namespace:'default'},"
                    + "spec:{selector:{matchLabels:{app:'web'}},template:{metadata:{labels:{app:'web'}},"
                    + "spec:{containers:[{name:'app',image:'nginx'}]}}}}"));
    h.create(replicaSet("web-abc", 2, ownedBy(deploy, true)));
    h.create(
        Fixtures.merge(
            parse(
                "{apiVersion:'apps/v1',kind:'ControllerRevision',metadata:{"
                    + "name:'web-1',namespace:'default'},revision:1,data:{}}"),
            ownedBy(deploy, true)));

    h.delete("apps/v1", "Deployment", "default", "web", DeleteOptions.DEFAULT);

    assertNull(rs("web-abc"));
    assertNull(h.get("apps/v1", "ControllerRevision", "default", "web-1"));
    assertEquals(List.of(), h.pods());
  }
}
