package dev.kc.controlplane.controller.scheduler;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.controller.Controller;
import dev.kc.controlplane.controller.scheduler.Filters.Plugin;
import dev.kc.controlplane.controller.scheduler.Placement.Decision;
import dev.kc.controlplane.events.EventRecorder;
import dev.kc.controlplane.informer.Informer;
import dev.kc.controlplane.informer.Informers;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The default scheduler: binds pending pods to nodes, one pod per sync, by kube-scheduler's
 * filter-and-score rules ({@link Placement}).
 *
 * <p>A pod is pending when it has no {@code spec.nodeName}, asks for {@code default-scheduler} (or
 * no scheduler), is not being deleted and has not finished. A pod that fits nowhere gets {@code
 * PodScheduled=False/Unschedulable} and a {@code FailedScheduling} event, and is retried when a
 * change could make it fit (a node added or changed; an assigned pod deleted, finished or
 * relabelled, depending on what rejected it) and otherwise after five minutes, as Kubernetes
 * flushes its unschedulable queue. It never retries on its own status writes, so it cannot loop.
 *
 * <p>Like kube-scheduler it "assumes" a pod on its node as soon as the binding is written, so the
 * next decision counts it even before the pod informer has seen the binding. One worker only:
 * decisions are sequential, as in kube-scheduler.
 */
public final class Scheduler extends Controller {
  /** The component name, on events and as field manager. */
  public static final String NAME = "default-scheduler";

  /** How long an unschedulable pod waits before being retried without any triggering change. */
  static final Duration UNSCHEDULABLE_RETRY = Duration.ofMinutes(5);

  static final String GATED_MESSAGE = "Scheduling is blocked due to non-empty scheduling gates";

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

  private final ObjectService objects;
  private final EventRecorder events;
  private final ResourceType podType;
  private final Informer pods;
  private final Informer nodes;
  private final Informer namespaces;
  private final Informer services;
  private final Informer replicaSets;
  private final Informer statefulSets;

  /** Pods bound by us that the pod informer may not show as bound yet, by key. */
  private final Map<String, Assumed> assumed = new ConcurrentHashMap<>();

  /** Pods that fit nowhere at their last attempt, by key. */
  private final Map<String, Unschedulable> unschedulable = new ConcurrentHashMap<>();

  private record Assumed(String uid, ObjectNode pod) {}

  private record Unschedulable(Set<Plugin> rejectedBy, Clock.Timer retry) {}

  /** Registers the informer handlers; call {@link #start()} after the informers have started. */
  public Scheduler(Informers informers, ObjectService objects, EventRecorder events, Clock clock) {
    super(NAME, 1, clock);
    this.objects = objects;
    this.events = events;
    this.podType = objects.registry().byKind("v1", "Pod").orElseThrow();
    this.pods = informers.forKind("v1", "Pod");
    this.nodes = informers.forKind("v1", "Node");
    this.namespaces = informers.forKind("v1", "Namespace");
    this.services = informers.forKind("v1", "Service");
    this.replicaSets = informers.forKind("apps/v1", "ReplicaSet");
    this.statefulSets = informers.forKind("apps/v1", "StatefulSet");
    pods.addHandler(new PodHandler());
    nodes.addHandler(new NodeHandler());
  }

  // ---- event handlers: they only enqueue keys ------------------------------------------------

  private final class PodHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode pod) {
      if (isPending(pod)) {
        enqueue(Informer.keyOf(pod));
      } else if (isAssigned(pod)) {
        forgetAssumed(pod);
        retryUnschedulable(EnumSet.of(Plugin.INTER_POD_AFFINITY));
      }
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode pod) {
      String key = Informer.keyOf(pod);
      if (isPending(pod)) {
        // Our own status writes change only status: no retry for those.
        if (!isPending(old) || schedulingInputsChanged(old, pod)) {
          enqueue(key);
        }
        return;
      }
      forgetUnschedulable(key);
      if (!isAssigned(pod)) {
        return;
      }
      forgetAssumed(pod);
      if (!isAssigned(old) || !LabelSelector.labelsOf(old).equals(LabelSelector.labelsOf(pod))) {
        retryUnschedulable(EnumSet.of(Plugin.INTER_POD_AFFINITY));
      }
      if (!isTerminal(old) && isTerminal(pod)) {
        retryUnschedulable(FREED_BY_POD_REMOVAL);
      }
    }

    @Override
    public void onDelete(ObjectNode pod) {
      String key = Informer.keyOf(pod);
      assumed.remove(key);
      forgetUnschedulable(key);
      if (isAssigned(pod)) {
        retryUnschedulable(FREED_BY_POD_REMOVAL);
      }
    }
  }

  /** What an assigned pod leaving its node can make room for. */
  private static final Set<Plugin> FREED_BY_POD_REMOVAL =
      EnumSet.of(Plugin.NODE_RESOURCES_FIT, Plugin.NODE_PORTS, Plugin.INTER_POD_AFFINITY);

  private final class NodeHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode node) {
      retryUnschedulable(null);
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode node) {
      if (schedulingPropertiesChanged(old, node)) {
        retryUnschedulable(null);
      }
    }
  }

  /**
   * Queues the unschedulable pods that one of {@code plugins} rejected; {@code null} queues them
   * all (a node appeared or changed).
   */
  private void retryUnschedulable(Set<Plugin> plugins) {
    for (Map.Entry<String, Unschedulable> e : unschedulable.entrySet()) {
      Set<Plugin> rejectedBy = e.getValue().rejectedBy();
      if (plugins == null || rejectedBy.stream().anyMatch(plugins::contains)) {
        enqueue(e.getKey());
      }
    }
  }

  private void forgetUnschedulable(String key) {
    Unschedulable u = unschedulable.remove(key);
    if (u != null) {
      u.retry().cancel();
    }
  }

  private void forgetAssumed(ObjectNode pod) {
    String key = Informer.keyOf(pod);
    Assumed a = assumed.get(key);
    if (a != null && (!a.uid().equals(uid(pod)) || isAssigned(pod))) {
      assumed.remove(key, a);
    }
  }

  /** Whether the node changed in a way that could let a pod fit that did not before. */
  static boolean schedulingPropertiesChanged(ObjectNode old, ObjectNode node) {
    return !Objects.equals(LabelSelector.labelsOf(old), LabelSelector.labelsOf(node))
        || !old.path("spec").path("taints").equals(node.path("spec").path("taints"))
        || old.path("spec").path("unschedulable").asBoolean(false)
            != node.path("spec").path("unschedulable").asBoolean(false)
        || !old.path("status").path("allocatable").equals(node.path("status").path("allocatable"))
        || !readyStatus(old).equals(readyStatus(node));
  }

  private static String readyStatus(ObjectNode node) {
    for (JsonNode c : node.path("status").path("conditions")) {
      if (c.path("type").asString("").equals("Ready")) {
        return c.path("status").asString("");
      }
    }
    return "";
  }

  /** Whether a pending pod changed in something other than its status. */
  private static boolean schedulingInputsChanged(ObjectNode old, ObjectNode pod) {
    return !old.path("spec").equals(pod.path("spec"))
        || !Json.at(old, "metadata", "labels").equals(Json.at(pod, "metadata", "labels"))
        || !Json.at(old, "metadata", "annotations").equals(Json.at(pod, "metadata", "annotations"));
  }

  // ---- the reconcile ----------------------------------------------------------------------

  /**
   * Schedules one pod: binds it to the best node, or records why it fits nowhere. Idempotent: a pod
   * that is gone, bound, assumed or not ours is left alone.
   *
   * @throws ApiException when writing the binding or the status fails (retried with back-off)
   */
  @Override
  protected void sync(String key) {
    ObjectNode pod = pods.get(key);
    if (pod == null) {
      forgetUnschedulable(key);
      return;
    }
    if (!isPending(pod)) {
      forgetUnschedulable(key);
      return;
    }
    Assumed a = assumed.get(key);
    if (a != null && a.uid().equals(uid(pod))) {
      return;
    }
    if (!pod.path("spec").path("schedulingGates").isEmpty()) {
      writeCondition(pod, "SchedulingGated", GATED_MESSAGE);
      return;
    }
    Decision d = Placement.decide(pod, snapshot(), this::namespaceLabels, spreadSelector(pod));
    if (d.schedulable()) {
      bind(pod, d.node());
    } else {
      markUnschedulable(pod, d);
    }
  }

  /** The nodes with the non-terminal pods on them, counting pods we bound but have not seen. */
  private List<NodeInfo> snapshot() {
    Map<String, NodeInfo> byName = new TreeMap<>();
    for (ObjectNode n : nodes.list()) {
      NodeInfo info = NodeInfo.of(n);
      byName.put(info.name(), info);
    }
    for (ObjectNode p : pods.list()) {
      ObjectNode pod = p;
      if (!isAssigned(pod)) {
        Assumed a = assumed.get(Informer.keyOf(pod));
        if (a == null || !a.uid().equals(uid(pod))) {
          continue;
        }
        pod = a.pod();
      }
      NodeInfo node = byName.get(Json.at(pod, "spec", "nodeName").asString(""));
      if (node != null && !isTerminal(pod)) {
        node.addPod(pod);
      }
    }
    return new ArrayList<>(byName.values());
  }

  private void bind(ObjectNode pod, String node) {
    String ns = Json.at(pod, "metadata", "namespace").asString("");
    String name = Json.at(pod, "metadata", "name").asString("");
    ObjectNode bound;
    try {
      bound = objects.bind(podType, ns, name, uid(pod), node, NAME);
    } catch (ApiException e) {
      if (e.code() == 404 || e.code() == 409) {
        // Gone, recreated, bound by someone else or being deleted: nothing left to decide.
        log.debug("not binding {}/{}: {}", ns, name, e.getMessage());
        return;
      }
      throw e;
    }
    String key = Informer.keyOf(pod);
    assumed.put(key, new Assumed(uid(pod), bound));
    forgetUnschedulable(key);
    log.debug("bound {} to {}", key, node);
    events.record(
        pod,
        "Normal",
        "Scheduled",
        "Successfully assigned " + ns + "/" + name + " to " + node,
        NAME,
        null,
        null);
  }

  private void markUnschedulable(ObjectNode pod, Decision d) {
    String key = Informer.keyOf(pod);
    log.debug("{} is unschedulable: {}", key, d.message());
    writeCondition(pod, "Unschedulable", d.message());
    events.record(pod, "Warning", "FailedScheduling", d.message(), NAME, null, null);
    Clock.Timer retry = clock.after(UNSCHEDULABLE_RETRY, () -> enqueue(key));
    Unschedulable previous = unschedulable.put(key, new Unschedulable(d.rejectedBy(), retry));
    if (previous != null) {
      previous.retry().cancel();
    }
  }

  /** Sets {@code PodScheduled=False} with a reason; a no-op write when nothing changed. */
  private void writeCondition(ObjectNode pod, String reason, String message) {
    String uid = uid(pod);
    Instant now = clock.now();
    try {
      objects.update(
          podType,
          Json.at(pod, "metadata", "namespace").asString(""),
          Json.at(pod, "metadata", "name").asString(""),
          "status",
          p -> {
            if (uid(p).equals(uid)) {
              setNotScheduled(p, reason, message, now);
            }
            return p;
          },
          NAME);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private static void setNotScheduled(ObjectNode pod, String reason, String message, Instant now) {
    ObjectNode status = Json.with(pod, "status");
    JsonNode existing = status.get("conditions");
    ArrayNode conditions = existing instanceof ArrayNode a ? a : status.putArray("conditions");
    ObjectNode cond = null;
    for (JsonNode c : conditions) {
      if (c instanceof ObjectNode o && o.path("type").asString("").equals("PodScheduled")) {
        cond = o;
      }
    }
    if (cond == null) {
      cond = conditions.addObject();
      cond.put("type", "PodScheduled");
    }
    if (!cond.path("status").asString("").equals("False")) {
      cond.put("lastTransitionTime", Json.timestamp(now));
    }
    cond.put("status", "False");
    cond.putNull("lastProbeTime");
    cond.put("reason", reason);
    cond.put("message", message);
  }

  // ---- lookups for the decision -------------------------------------------------------------

  private Map<String, String> namespaceLabels(String namespace) {
    ObjectNode ns = namespaces.get(namespace);
    return ns == null ? Map.of() : LabelSelector.labelsOf(ns);
  }

  /**
   * The pods this one should be spread away from, as kube-scheduler's default spreading selects
   * them: those matching every Service selecting the pod and the selector of its controlling
   * ReplicaSet or StatefulSet. {@code null} when nothing selects the pod.
   */
  private Predicate<Map<String, String>> spreadSelector(ObjectNode pod) {
    String ns = Json.at(pod, "metadata", "namespace").asString("");
    Map<String, String> labels = LabelSelector.labelsOf(pod);
    List<LabelSelector> selectors = new ArrayList<>();
    for (ObjectNode svc : services.byIndex(Informers.BY_NAMESPACE, ns)) {
      JsonNode sel = svc.path("spec").path("selector");
      if (sel.isObject() && !sel.isEmpty()) {
        ObjectNode wrapped = Json.object();
        wrapped.set("matchLabels", sel);
        LabelSelector s = LabelSelector.fromJson(wrapped);
        if (s.matches(labels)) {
          selectors.add(s);
        }
      }
    }
    ObjectNode owner = controllingWorkload(pod, ns);
    if (owner != null) {
      try {
        selectors.add(LabelSelector.fromJson(owner.path("spec").get("selector")));
      } catch (IllegalArgumentException e) {
        log.debug("ignoring the malformed selector of {}", Informer.keyOf(owner));
      }
    }
    if (selectors.isEmpty()) {
      return null;
    }
    return l -> selectors.stream().allMatch(s -> s.matches(l));
  }

  private ObjectNode controllingWorkload(ObjectNode pod, String ns) {
    for (JsonNode ref : Json.at(pod, "metadata", "ownerReferences")) {
      if (!ref.path("controller").asBoolean(false)
          || !ref.path("apiVersion").asString("").equals("apps/v1")) {
        continue;
      }
      Informer informer =
          switch (ref.path("kind").asString("")) {
            case "ReplicaSet" -> replicaSets;
            case "StatefulSet" -> statefulSets;
            default -> null;
          };
      ObjectNode owner = informer == null ? null : informer.get(ns, ref.path("name").asString(""));
      if (owner != null && uid(owner).equals(ref.path("uid").asString(""))) {
        return owner;
      }
    }
    return null;
  }

  // ---- pod predicates -----------------------------------------------------------------------

  /** Whether this scheduler should place the pod now. */
  static boolean isPending(ObjectNode pod) {
    String scheduler = Json.at(pod, "spec", "schedulerName").asString("");
    return Json.at(pod, "spec", "nodeName").asString("").isEmpty()
        && (scheduler.isEmpty() || scheduler.equals(NAME))
        && Json.at(pod, "metadata", "deletionTimestamp").isMissingNode()
        && !isTerminal(pod);
  }

  private static boolean isAssigned(ObjectNode pod) {
    return !Json.at(pod, "spec", "nodeName").asString("").isEmpty();
  }

  private static boolean isTerminal(ObjectNode pod) {
    String phase = Json.at(pod, "status", "phase").asString("");
    return phase.equals("Succeeded") || phase.equals("Failed");
  }

  private static String uid(ObjectNode obj) {
    return Json.at(obj, "metadata", "uid").asString("");
  }
}
