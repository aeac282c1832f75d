package dev.kc.controlplane.controller.scheduler;

import static dev.kc.controlplane.controller.testing.Fixtures.node;
import static dev.kc.controlplane.controller.testing.Fixtures.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.controller.replicaset.ReplicaSetController;
import dev.kc.controlplane.controller.testing.ControllerHarness;
import dev.kc.controlplane.controller.testing.Fixtures;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.WriteOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler against a kind-like cluster: one tainted control-plane node and three workers with
 * 4 cpu and 8Gi each, on a virtual clock.
 */
class SchedulerTest {
  static final String CONTROL_PLANE_TAINT =
      "{metadata:{labels:{'node-role.kubernetes.io/control-plane':''}},"
          + "spec:{taints:[{key:'node-role.kubernetes.io/control-plane',effect:'NoSchedule'}]}}";
  static final String TAINTED =
      "1 node(s) had untolerated taint" + " {node-role.kubernetes.io/control-plane: }";
  static final List<String> NODES =
      List.of("kc-control-plane", "kc-worker", "kc-worker2", "kc-worker3");

  ControllerHarness h;

  @AfterEach
  void tearDown() {
    if (h != null) {
      h.close();
    }
  }

  /** Starts the cluster; {@code patches} maps node names to JSON merged into them. */
  void startCluster(Path dir, Map<String, String> patches) {
    h = ControllerHarness.open(dir);
    for (String name : NODES) {
      ObjectNode n = node(name, "4", "8Gi");
      if (name.equals("kc-control-plane")) {
        Fixtures.merge(n, CONTROL_PLANE_TAINT);
      }
      Fixtures.merge(n, patches.getOrDefault(name, "{}"));
      h.create(n);
    }
    h.start(new Scheduler(h.informers, h.objects, h.events, h.clock));
  }

  static String nodeName(ObjectNode pod) {
    return Json.at(pod, "spec", "nodeName").asString("");
  }

  /**
   * One placement: cluster changes, the pod, and either the node it must land on or the exact
   * FailedScheduling message.
   */
  record Case(String name, Map<String, String> nodes, String pod, String node, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case lands(String name, Map<String, String> nodes, String pod, String node) {
    return new Case(name, nodes, pod, node, null);
  }

  static Case fails(String name, Map<String, String> nodes, String pod, String message) {
    return new Case(name, nodes, pod, null, message);
  }

  static String affinity(String expressions) {
    return "{spec:{affinity:{nodeAffinity:{requiredDuringSchedulingIgnoredDuringExecution:"
        + "{nodeSelectorTerms:["
        + expressions
        + "]}}}}}";
  }

  static String cpu(String amount) {
    return "{spec:{containers:[{name:'app',image:'nginx',resources:{requests:{cpu:'"
        + amount
        + "'}}}]}}";
  }

  static Stream<Arguments> placements() {
    String notHelpful4 =
        " preemption: 0/4 nodes are available: 4 Preemption is not helpful for" + " scheduling.";
    String noVictims3 =
        " preemption: 0/4 nodes are available: 1 Preemption is not helpful for"
            + " scheduling, 3 No preemption victims found for incoming pod.";
    return Stream.of(
            lands(
                "a plain pod goes to a worker (ties go to the first name)",
                Map.of(),
                "{}",
                "kc-worker"),
            lands(
                "tolerating the control-plane taint and selecting it",
                Map.of(),
                "{spec:{nodeSelector:{'node-role.kubernetes.io/control-plane':''},tolerations:["
                    + "{key:'node-role.kubernetes.io/control-plane',operator:'Exists',"
                    + "effect:'NoSchedule'}]}}",
                "kc-control-plane"),
            lands(
                "an empty key with Exists tolerates every taint",
                Map.of(),
                "{spec:{nodeSelector:{'kubernetes.io/hostname':'kc-control-plane'},"
                    + "tolerations:[{operator:'Exists'}]}}",
                "kc-control-plane"),
            fails(
                "the control-plane taint is not tolerated by a wrong effect",
                Map.of(),
                "{spec:{nodeSelector:{'kubernetes.io/hostname':'kc-control-plane'},tolerations:["
                    + "{key:'node-role.kubernetes.io/control-plane',operator:'Exists',"
                    + "effect:'NoExecute'}]}}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 node(s) didn't match Pod's node"
                    + " affinity/selector."
                    + notHelpful4),
            lands(
                "nodeSelector picks the labelled worker",
                Map.of("kc-worker3", "{metadata:{labels:{disk:'ssd'}}}"),
                "{spec:{nodeSelector:{disk:'ssd'}}}",
                "kc-worker3"),
            fails(
                "nodeSelector that no node satisfies",
                Map.of(),
                "{spec:{nodeSelector:{disk:'ssd'}}}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 node(s) didn't match Pod's node"
                    + " affinity/selector."
                    + notHelpful4),
            lands(
                "required affinity In",
                Map.of("kc-worker2", "{metadata:{labels:{zone:'b'}}}"),
                affinity("{matchExpressions:[{key:'zone',operator:'In',values:['b','c']}]}"),
                "kc-worker2"),
            lands(
                "required affinity NotIn (a missing label is not in)",
                Map.of(
                    "kc-worker",
                    "{metadata:{labels:{zone:'a'}}}",
                    "kc-worker2",
                    "{metadata:{labels:{zone:'a'}}}"),
                affinity("{matchExpressions:[{key:'zone',operator:'NotIn',values:['a']}]}"),
                "kc-worker3"),
            lands(
                "required affinity Exists",
                Map.of("kc-worker3", "{metadata:{labels:{gpu:''}}}"),
                affinity("{matchExpressions:[{key:'gpu',operator:'Exists'}]}"),
                "kc-worker3"),
            lands(
                "required affinity DoesNotExist",
                Map.of("kc-worker", "{metadata:{labels:{gpu:''}}}"),
                affinity("{matchExpressions:[{key:'gpu',operator:'DoesNotExist'}]}"),
                "kc-worker2"),
            lands(
                "required affinity Gt compares integers",
                Map.of(
                    "kc-worker",
                    "{metadata:{labels:{gen:'9'}}}",
                    "kc-worker2",
                    "{metadata:{labels:{gen:'10'}}}",
                    "kc-worker3",
                    "{metadata:{labels:{gen:'x'}}}"),
                affinity("{matchExpressions:[{key:'gen',operator:'Gt',values:['9']}]}"),
                "kc-worker2"),
            lands(
                "required affinity Lt",
                Map.of(
                    "kc-worker",
                    "{metadata:{labels:{gen:'9'}}}",
                    "kc-worker2",
                    "{metadata:{labels:{gen:'10'}}}"),
                affinity("{matchExpressions:[{key:'gen',operator:'Lt',values:['10']}]}"),
                "kc-worker"),
            lands(
                "matchFields on metadata.name",
                Map.of(),
                affinity(
                    "{matchFields:[{key:'metadata.name',operator:'In',"
                        + "values:['kc-worker3']}]}"),
                "kc-worker3"),
            lands(
                "terms are ORed, expressions within a term ANDed",
                Map.of("kc-worker2", "{metadata:{labels:{zone:'a'}}}"),
                affinity(
                    "{matchExpressions:[{key:'zone',operator:'In',values:['a']},"
                        + "{key:'gpu',operator:'Exists'}]},{matchFields:[{key:'metadata.name',"
                        + "operator:'In',values:['kc-worker3']}]}"),
                "kc-worker3"),
            lands(
                "preferred affinity outweighs the name tie-break",
                Map.of("kc-worker3", "{metadata:{labels:{disk:'ssd'}}}"),
                "{spec:{affinity:{nodeAffinity:{preferredDuringSchedulingIgnoredDuringExecution:"
                    + "[{weight:50,preference:{matchExpressions:[{key:'disk',operator:'In',"
                    + "values:['ssd']}]}}]}}}}",
                "kc-worker3"),
            lands(
                "NoExecute blocks; an Equal toleration without effect admits",
                Map.of(
                    "kc-worker",
                    "{spec:{taints:[{key:'dedicated',value:'web'," + "effect:'NoExecute'}]}}",
                    "kc-worker2",
                    "{spec:{taints:[{key:'dedicated',value:'db'," + "effect:'NoExecute'}]}}",
                    "kc-worker3",
                    "{spec:{unschedulable:true}}"),
                "{spec:{tolerations:[{key:'dedicated',operator:'Equal',value:'db'}]}}",
                "kc-worker2"),
            fails(
                "an Equal toleration with another value does not tolerate",
                Map.of(
                    "kc-worker",
                    "{spec:{taints:[{key:'dedicated',value:'db'," + "effect:'NoSchedule'}]}}",
                    "kc-worker2",
                    "{spec:{taints:[{key:'dedicated',value:'db'," + "effect:'NoSchedule'}]}}",
                    "kc-worker3",
                    "{spec:{taints:[{key:'dedicated',value:'db'," + "effect:'NoSchedule'}]}}"),
                "{spec:{tolerations:[{key:'dedicated',operator:'Equal',value:'web'}]}}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 node(s) had untolerated taint"
                    + " {dedicated: db}."
                    + notHelpful4),
            lands(
                "PreferNoSchedule only lowers the score",
                Map.of(
                    "kc-worker",
                    "{spec:{taints:[{key:'x',effect:'PreferNoSchedule'}]}}",
                    "kc-worker2",
                    "{spec:{taints:[{key:'x',effect:'PreferNoSchedule'}]}}"),
                "{}",
                "kc-worker3"),
            lands(
                "cordoned workers are skipped",
                Map.of(
                    "kc-worker",
                    "{spec:{unschedulable:true}}",
                    "kc-worker2",
                    "{spec:{unschedulable:true}}"),
                "{}",
                "kc-worker3"),
            lands(
                "tolerating unschedulable admits a cordoned node",
                Map.of("kc-worker", "{spec:{unschedulable:true}}"),
                "{spec:{nodeSelector:{'kubernetes.io/hostname':'kc-worker'},tolerations:["
                    + "{key:'node.kubernetes.io/unschedulable',operator:'Exists',"
                    + "effect:'NoSchedule'}]}}",
                "kc-worker"),
            fails(
                "every worker cordoned",
                Map.of(
                    "kc-worker",
                    "{spec:{unschedulable:true}}",
                    "kc-worker2",
                    "{spec:{unschedulable:true}}",
                    "kc-worker3",
                    "{spec:{unschedulable:true}}"),
                "{}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 node(s) were unschedulable."
                    + notHelpful4),
            fails(
                "not-ready and unreachable nodes carry their taints",
                Map.of(
                    "kc-worker",
                    "{status:{conditions:[{type:'Ready',status:'False'}]}}",
                    "kc-worker2",
                    "{status:{conditions:[]}}",
                    "kc-worker3",
                    "{status:{conditions:[{type:'Ready',status:'Unknown'}]}}"),
                "{}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 1 node(s) had untolerated taint"
                    + " {node.kubernetes.io/unreachable: }, 2 node(s) had untolerated taint"
                    + " {node.kubernetes.io/not-ready: }."
                    + notHelpful4),
            fails(
                "insufficient cpu",
                Map.of(),
                cpu("5"),
                "0/4 nodes are available: " + TAINTED + ", 3 Insufficient cpu." + noVictims3),
            fails(
                "insufficient cpu and memory are both reported",
                Map.of(),
                "{spec:{containers:[{name:'app',image:'nginx',resources:{requests:{cpu:'4500m',"
                    + "memory:'9Gi'}}}]}}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 Insufficient cpu, 3 Insufficient"
                    + " memory."
                    + noVictims3),
            fails(
                "limits count as requests when requests are absent",
                Map.of(),
                "{spec:{containers:[{name:'app',image:'nginx',resources:{limits:{cpu:'5'}}}]}}",
                "0/4 nodes are available: " + TAINTED + ", 3 Insufficient cpu." + noVictims3),
            lands(
                "init containers count by their maximum, not their sum",
                Map.of(),
                "{spec:{initContainers:[{name:'a',image:'busybox',resources:{requests:{"
                    + "cpu:'3500m'}}},{name:'b',image:'busybox',resources:{requests:{"
                    + "cpu:'4'}}}]}}",
                "kc-worker"),
            fails(
                "an init container larger than the node",
                Map.of(),
                "{spec:{initContainers:[{name:'a',image:'busybox',resources:{requests:{"
                    + "cpu:'4100m'}}}]}}",
                "0/4 nodes are available: " + TAINTED + ", 3 Insufficient cpu." + noVictims3),
            fails(
                "extended resources the nodes lack",
                Map.of(),
                "{spec:{containers:[{name:'app',image:'nginx',resources:{limits:{"
                    + "'nvidia.com/gpu':'1'}}}]}}",
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 Insufficient nvidia.com/gpu."
                    + noVictims3),
            fails(
                "a full pod count",
                Map.of(
                    "kc-worker", "{status:{allocatable:{pods:'0'}}}",
                    "kc-worker2", "{status:{allocatable:{pods:'0'}}}",
                    "kc-worker3", "{status:{allocatable:{pods:'0'}}}"),
                "{}",
                "0/4 nodes are available: " + TAINTED + ", 3 Too many pods." + noVictims3),
            fails(
                "preemptionPolicy Never",
                Map.of(),
                Fixtures.merge(Fixtures.parse(cpu("5")), "{spec:{preemptionPolicy:'Never'}}")
                    .toString(),
                "0/4 nodes are available: "
                    + TAINTED
                    + ", 3 Insufficient cpu. preemption: not"
                    + " eligible due to preemptionPolicy=Never."))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("placements")
  void placesOrExplains(Case c, @TempDir Path dir) {
    startCluster(dir, c.nodes());
    h.create(pod("p", c.pod()));

    ObjectNode p = h.pod("p");
    if (c.node() != null) {
      assertEquals(c.node(), nodeName(p));
      JsonNode cond = ControllerHarness.condition(p, "PodScheduled");
      assertEquals("True", cond.path("status").asString());
      assertEquals(
          List.of("Successfully assigned default/p to " + c.node()),
          h.eventMessages("p", "Scheduled"));
    } else {
      assertEquals("", nodeName(p));
      assertEquals("Pending", Json.at(p, "status", "phase").asString());
      JsonNode cond = ControllerHarness.condition(p, "PodScheduled");
      assertEquals("False", cond.path("status").asString());
      assertEquals("Unschedulable", cond.path("reason").asString());
      assertEquals(c.message(), cond.path("message").asString());
      assertEquals(List.of(c.message()), h.eventMessages("p", "FailedScheduling"));
      ObjectNode ev = h.events("p", "FailedScheduling").get(0);
      assertEquals("Warning", Json.text(ev, "type"));
      assertEquals("default-scheduler", Json.at(ev, "source", "component").asString());
    }
  }

  @Test
  void spreadsReplicaSetPodsEvenlyOverTheWorkers(@TempDir Path dir) {
    startCluster(dir, Map.of());
    ObjectNode rs = h.create(Fixtures.replicaSet("web", 6));

    // Created back to back: the scheduler must count its own bindings before the pod informer
    // has delivered them.
    for (int i = 0; i < 6; i++) {
      ObjectNode p = pod("web-" + i, "{metadata:{labels:{app:'web'}}}", Fixtures.ownedBy(rs, true));
      h.objects.create(h.type("v1", "Pod"), "v1", "default", p, WriteOptions.internal("t"));
    }
    h.settle();

    assertEquals(Map.of("kc-worker", 2, "kc-worker2", 2, "kc-worker3", 2), placement());
  }

  @Test
  void spreadsTheReplicaSetControllersPodsTwoPerWorker(@TempDir Path dir) {
    h = ControllerHarness.open(dir);
    for (String name : NODES) {
      ObjectNode n = node(name, "4", "8Gi");
      if (name.equals("kc-control-plane")) {
        Fixtures.merge(n, CONTROL_PLANE_TAINT);
      }
      h.create(n);
    }
    h.start(
        new ReplicaSetController(h.informers, h.objects, h.events, h.clock),
        new Scheduler(h.informers, h.objects, h.events, h.clock));

    h.create(Fixtures.replicaSet("web", 6));

    assertEquals(Map.of("kc-worker", 2, "kc-worker2", 2, "kc-worker3", 2), placement());
  }

  private Map<String, Integer> placement() {
    Map<String, Integer> count = new TreeMap<>();
    for (ObjectNode p : h.pods()) {
      count.merge(nodeName(p), 1, Integer::sum);
    }
    return count;
  }

  @Test
  void hostPortsConflictOnTheSameProtocolAndAddress(@TempDir Path dir) {
    startCluster(dir, Map.of());
    String port80 =
        "{spec:{containers:[{name:'app',image:'nginx',ports:[{containerPort:80,"
            + "hostPort:8080}]}]}}";
    for (int i = 1; i <= 3; i++) {
      h.create(pod("hp" + i, port80));
    }
    h.create(
        pod(
            "udp",
            "{spec:{nodeSelector:{'kubernetes.io/hostname':'kc-worker'},"
                + "containers:[{name:'app',image:'nginx',ports:[{containerPort:80,hostPort:8080,"
                + "protocol:'UDP'}]}]}}"));
    h.create(pod("hp4", port80));

    assertEquals(Map.of("", 1, "kc-worker", 2, "kc-worker2", 1, "kc-worker3", 1), placement());
    assertEquals("kc-worker", nodeName(h.pod("udp")));
    assertEquals(
        "0/4 nodes are available: "
            + TAINTED
            + ", 3 node(s) didn't have free ports"
            + " for the requested pod ports. preemption: 0/4 nodes are available: 1 Preemption is"
            + " not helpful for scheduling, 3 No preemption victims found for incoming pod.",
        ControllerHarness.condition(h.pod("hp4"), "PodScheduled").path("message").asString());
  }

  @Test
  void requiredAntiAffinityKeepsReplicasApart(@TempDir Path dir) {
    startCluster(dir, Map.of());
    String db =
        "{metadata:{labels:{app:'db'}},spec:{affinity:{podAntiAffinity:{"
            + "requiredDuringSchedulingIgnoredDuringExecution:[{labelSelector:{matchLabels:"
            + "{app:'db'}},topologyKey:'kubernetes.io/hostname'}]}}}}";
    for (int i = 1; i <= 4; i++) {
      h.create(pod("db" + i, db));
    }
    // A pod without anti-affinity of its own is kept away by the existing pods' rules.
    h.create(pod("plain", "{metadata:{labels:{app:'db'}}}"));

    assertEquals(Map.of("", 2, "kc-worker", 1, "kc-worker2", 1, "kc-worker3", 1), placement());
    String tail =
        " preemption: 0/4 nodes are available: 1 Preemption is not helpful for"
            + " scheduling, 3 No preemption victims found for incoming pod.";
    assertEquals(
        "0/4 nodes are available: "
            + TAINTED
            + ", 3 node(s) didn't match pod"
            + " anti-affinity rules."
            + tail,
        ControllerHarness.condition(h.pod("db4"), "PodScheduled").path("message").asString());
    assertEquals(
        "0/4 nodes are available: "
            + TAINTED
            + ", 3 node(s) didn't satisfy existing"
            + " pods anti-affinity rules."
            + tail,
        ControllerHarness.condition(h.pod("plain"), "PodScheduled").path("message").asString());
  }

  @Test
  void requiredPodAffinityFollowsTheTargetAndAdmitsTheFirstOfAGroup(@TempDir Path dir) {
    startCluster(dir, Map.of());
    String cache =
        "{metadata:{labels:{app:'cache'}},spec:{affinity:{podAffinity:{"
            + "requiredDuringSchedulingIgnoredDuringExecution:[{labelSelector:{matchLabels:"
            + "{app:'web'}},topologyKey:'kubernetes.io/hostname'}]}}}}";
    h.create(pod("cache1", cache));
    assertEquals("", nodeName(h.pod("cache1")));

    h.create(
        pod(
            "web",
            "{metadata:{labels:{app:'web'}},spec:{nodeSelector:{"
                + "'kubernetes.io/hostname':'kc-worker3'}}}"));

    assertEquals("kc-worker3", nodeName(h.pod("web")));
    assertEquals("kc-worker3", nodeName(h.pod("cache1")), "retried when web was placed");
    String self =
        "{metadata:{labels:{app:'web'}},spec:{affinity:{podAffinity:{"
            + "requiredDuringSchedulingIgnoredDuringExecution:[{labelSelector:{matchLabels:"
            + "{app:'web'}},topologyKey:'kubernetes.io/hostname'}]}}}}";
    h.create(pod("web2", self));
    assertEquals("kc-worker3", nodeName(h.pod("web2")));
  }

  @Test
  void aPendingPodIsBoundWhenANodeJoinsWithoutRetryingInBetween(@TempDir Path dir) {
    startCluster(dir, Map.of());
    h.create(pod("big", cpu("6")));
    h.advance(Duration.ofMinutes(4));
    assertEquals(1, h.eventMessages("big", "FailedScheduling").size(), "no retry loop");

    h.advance(Duration.ofMinutes(1));
    assertEquals(2, h.eventMessages("big", "FailedScheduling").size(), "retried after 5m");

    h.create(node("kc-worker4", "8", "16Gi"));

    assertEquals("kc-worker4", nodeName(h.pod("big")));
    assertEquals(
        "True",
        ControllerHarness.condition(h.pod("big"), "PodScheduled").path("status").asString());
    h.advance(Duration.ofMinutes(30));
    assertEquals(2, h.eventMessages("big", "FailedScheduling").size(), "no retry once bound");
  }

  @Test
  void aPendingPodIsBoundWhenAnotherPodLeavesOrANodeIsUncordoned(@TempDir Path dir) {
    startCluster(dir, Map.of("kc-worker3", "{spec:{unschedulable:true}}"));
    h.create(pod("a", cpu("3")));
    h.create(pod("b", cpu("3")));
    h.create(pod("c", cpu("3")));
    assertEquals("", nodeName(h.pod("c")));

    h.delete("v1", "Pod", "default", "a", DeleteOptions.now());
    assertEquals(nodeNameBefore("a"), nodeName(h.pod("c")));

    h.create(pod("d", cpu("3")));
    assertEquals("", nodeName(h.pod("d")));
    h.update(
        "v1",
        "Node",
        "",
        "kc-worker3",
        null,
        n -> {
          Json.with(n, "spec").put("unschedulable", false);
          return n;
        });
    assertEquals("kc-worker3", nodeName(h.pod("d")));
  }

  private String nodeNameBefore(String deleted) {
    // "a" was the first placed pod: on the first worker by name.
    return deleted.equals("a") ? "kc-worker" : "";
  }

  @Test
  void finishedPodsFreeTheirResources(@TempDir Path dir) {
    startCluster(
        dir,
        Map.of(
            "kc-worker2",
            "{spec:{unschedulable:true}}",
            "kc-worker3",
            "{spec:{unschedulable:true}}"));
    h.create(pod("job", cpu("3")));
    h.create(pod("next", cpu("3")));
    assertEquals("", nodeName(h.pod("next")));

    h.update(
        "v1",
        "Pod",
        "default",
        "job",
        "status",
        p -> {
          Json.with(p, "status").put("phase", "Succeeded");
          return p;
        });

    assertEquals("kc-worker", nodeName(h.pod("next")));
  }

  @Test
  void gatedPodsWaitUntilTheirGatesAreRemoved(@TempDir Path dir) {
    startCluster(dir, Map.of());
    h.create(pod("g", "{spec:{schedulingGates:[{name:'example.com/wait'}]}}"));
    JsonNode cond = ControllerHarness.condition(h.pod("g"), "PodScheduled");
    assertEquals("SchedulingGated", cond.path("reason").asString());
    assertEquals(Scheduler.GATED_MESSAGE, cond.path("message").asString());

    h.update(
        "v1",
        "Pod",
        "default",
        "g",
        null,
        p -> {
          ((ObjectNode) p.path("spec")).remove("schedulingGates");
          return p;
        });

    assertEquals("kc-worker", nodeName(h.pod("g")));
  }

  @Test
  void podsForOtherSchedulersAreLeftAlone(@TempDir Path dir) {
    startCluster(dir, Map.of());
    h.create(pod("other", "{spec:{schedulerName:'my-scheduler'}}"));
    h.advance(Duration.ofMinutes(10));
    ObjectNode p = h.pod("other");
    assertEquals("", nodeName(p));
    assertTrue(ControllerHarness.condition(p, "PodScheduled").isMissingNode());
  }

  @Test
  void withoutNodesThePodWaitsForOne(@TempDir Path dir) {
    h = ControllerHarness.open(dir);
    h.start(new Scheduler(h.informers, h.objects, h.events, h.clock));
    h.create(pod("p"));
    assertEquals(List.of(Placement.NO_NODES), h.eventMessages("p", "FailedScheduling"));

    h.create(node("n1", "1", "1Gi"));
    assertEquals("n1", nodeName(h.pod("p")));
  }
}
