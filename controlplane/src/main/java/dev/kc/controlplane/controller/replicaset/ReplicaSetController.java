package dev.kc.controlplane.controller.replicaset;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.controller.Controller;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code spec.replicas} pods running for every ReplicaSet, as Kubernetes' ReplicaSet
 * controller does (see {@code pkg/controller/replicaset/replica_set.go}).
 *
 * <p>One sync: claim pods (adopt matching orphans, release pods no longer selected); if the
 * controller's expectations are met and the ReplicaSet is not being deleted, create or delete pods
 * towards {@code spec.replicas} (at most 500 per sync, creations in slow-start batches, deletions
 * cheapest-first by {@link PodRanking}); then write the status. Expectations keep a sync from
 * acting again before the informer shows the pods it created or deleted.
 */
public final class ReplicaSetController extends Controller {
  /** The component name, on events and as field manager. */
  public static final String NAME = "replicaset-controller";

  /** At most this many creations or deletions per sync (Kubernetes' burstReplicas). */
  static final int BURST_REPLICAS = 500;

  private static final Logger log = LoggerFactory.getLogger(ReplicaSetController.class);

  private final ObjectService objects;
  private final EventRecorder events;
  private final PodControl podControl;
  private final PodClaims claims;
  private final ResourceType rsType;
  private final Informer replicaSets;
  private final Informer pods;
  private final Expectations expectations;

  /** Registers the informer handlers; call {@link #start()} after the informers have started. */
  public ReplicaSetController(
      Informers informers, ObjectService objects, EventRecorder events, Clock clock) {
    this(informers, objects, events, clock, PodControl.of(objects, NAME));
  }

  /** For tests: pod writes go through {@code podControl}. */
  ReplicaSetController(
      Informers informers,
      ObjectService objects,
      EventRecorder events,
      Clock clock,
      PodControl podControl) {
    super(NAME, 5, clock);
    this.objects = objects;
    this.events = events;
    this.podControl = podControl;
    this.claims = new PodClaims(objects, NAME);
    this.rsType = objects.registry().byKind("apps/v1", "ReplicaSet").orElseThrow();
    this.replicaSets = informers.forKind("apps/v1", "ReplicaSet");
    this.pods = informers.forKind("v1", "Pod");
    this.expectations = new Expectations(clock);
    replicaSets.addHandler(new ReplicaSetHandler());
    pods.addHandler(new PodHandler());
  }

  // ---- event handlers: they only enqueue keys (and note what the informer has shown) --------

  private final class ReplicaSetHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode rs) {
      enqueue(Informer.keyOf(rs));
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode rs) {
      enqueue(Informer.keyOf(rs));
    }

    @Override
    public void onDelete(ObjectNode rs) {
      String key = Informer.keyOf(rs);
      expectations.delete(key);
      enqueue(key);
    }
  }

  private final class PodHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode pod) {
      if (Pods.isDeleting(pod)) {
        // Seen for the first time already being deleted (e.g. after a restart): a deletion.
        podGone(pod);
        return;
      }
      ObjectNode rs = owner(pod);
      if (rs != null) {
        String key = Informer.keyOf(rs);
        expectations.creationObserved(key);
        enqueue(key);
        return;
      }
      if (Pods.controllerRef(pod) == null) {
        enqueueSelecting(pod);
      }
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode pod) {
      if (Json.at(old, "metadata", "resourceVersion")
          .equals(Json.at(pod, "metadata", "resourceVersion"))) {
        return;
      }
      boolean labelsChanged = !LabelSelector.labelsOf(old).equals(LabelSelector.labelsOf(pod));
      if (Pods.isDeleting(pod)) {
        // A graceful deletion starts: replace the pod now, not when the kubelet is done.
        podGone(pod);
        if (labelsChanged) {
          podGone(old);
        }
        return;
      }
      JsonNode oldRef = Pods.controllerRef(old);
      JsonNode ref = Pods.controllerRef(pod);
      boolean refChanged = !Objects.equals(oldRef, ref);
      if (refChanged && oldRef != null) {
        ObjectNode previous = owner(old);
        if (previous != null) {
          enqueue(Informer.keyOf(previous));
        }
      }
      if (ref != null) {
        ObjectNode rs = owner(pod);
        if (rs == null) {
          return;
        }
        enqueue(Informer.keyOf(rs));
        long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
        if (!Pods.isReady(old) && Pods.isReady(pod) && minReady > 0) {
          queue.addAfter(Informer.keyOf(rs), Duration.ofSeconds(minReady + 1));
        }
        return;
      }
      if (labelsChanged || refChanged) {
        enqueueSelecting(pod);
      }
    }

    @Override
    public void onDelete(ObjectNode pod) {
      podGone(pod);
    }
  }

  private void podGone(ObjectNode pod) {
    ObjectNode rs = owner(pod);
    if (rs == null) {
      return;
    }
    String key = Informer.keyOf(rs);
    expectations.deletionObserved(key, Informer.keyOf(pod));
    enqueue(key);
  }

  /** The cached ReplicaSet controlling {@code pod}, or null (none, another kind, or replaced). */
  private ObjectNode owner(ObjectNode pod) {
    JsonNode ref = Pods.controllerRef(pod);
    if (ref == null
        || !ref.path("kind").asString("").equals("ReplicaSet")
        || !ref.path("apiVersion").asString("").startsWith("apps/")) {
      return null;
    }
    ObjectNode rs = replicaSets.get(Pods.namespace(pod), ref.path("name").asString(""));
    return rs != null && Pods.uid(rs).equals(ref.path("uid").asString("")) ? rs : null;
  }

  /** Queues every ReplicaSet whose selector matches an orphan, so one can adopt it. */
  private void enqueueSelecting(ObjectNode pod) {
    Map<String, String> labels = LabelSelector.labelsOf(pod);
    for (ObjectNode rs : replicaSets.byIndex(Informers.BY_NAMESPACE, Pods.namespace(pod))) {
      LabelSelector s = selectorOf(rs);
      if (s != null && !s.isEmpty() && s.matches(labels)) {
        enqueue(Informer.keyOf(rs));
      }
    }
  }

  // ---- the reconcile ----------------------------------------------------------------------

  @Override
  protected void sync(String key) throws Exception {
    syncReplicaSet(key);
  }

  /**
   * Reconciles one ReplicaSet. Steps:
   *
   * <ol>
   *   <li>gone from the cache: forget its expectations, done;
   *   <li>claim the active pods of its namespace;
   *   <li>if expectations are met and it is not being deleted: create or delete pods;
   *   <li>write status (always, even after a failed step 3);
   *   <li>requeue for when the next ready pod becomes available.
   * </ol>
   *
   * <p>Idempotent; never runs concurrently for one key.
   *
   * @throws Exception the failure of step 2 or 3 (step 3's only after the status was written), so
   *     the worker retries with back-off
   */
  void syncReplicaSet(String key) throws Exception {
    ObjectNode rs = replicaSets.get(key);
    if (rs == null) {
      expectations.delete(key);
      return;
    }
    LabelSelector selector = selectorOf(rs);
    if (selector == null) {
      log.warn("{}: ReplicaSet {} has an invalid selector; ignoring it", NAME, key);
      return;
    }
    boolean needsSync = expectations.satisfied(key);
    List<ObjectNode> owned = claims.claim(rs, selector, activePods(Pods.namespace(rs)));

    Exception manageError = null;
    if (needsSync && !Pods.isDeleting(rs)) {
      manageError = manageReplicas(key, rs, owned);
    }

    Instant now = clock.now();
    ObjectNode status = ReplicaSetStatus.calculate(rs, owned, manageError, now);
    writeStatus(rs, status);
    if (manageError == null) {
      requeueForAvailability(key, rs, owned, now);
    }
    if (manageError != null) {
      throw manageError;
    }
  }

  private List<ObjectNode> activePods(String namespace) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode p : pods.byIndex(Informers.BY_NAMESPACE, namespace)) {
      if (Pods.isActive(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Creates or deletes pods so that {@code owned} moves towards {@code spec.replicas}.
   *
   * @return the first failure, or null
   */
  private Exception manageReplicas(String key, ObjectNode rs, List<ObjectNode> owned) {
    long diff = owned.size() - specReplicas(rs);
    if (diff < 0) {
      int toCreate = (int) Math.min(-diff, BURST_REPLICAS);
      log.debug(
          "{}: too few replicas for {}: need {}, creating {}",
          NAME,
          key,
          specReplicas(rs),
          toCreate);
      // Expect all, then forget the ones that were never made: the informer will show the rest.
      expectations.expectCreations(key, toCreate);
      SlowStart.Result r = SlowStart.run(toCreate, 1, () -> createPod(key, rs));
      for (int i = r.successes(); i < toCreate; i++) {
        expectations.creationObserved(key);
      }
      return r.error();
    }
    if (diff > 0) {
      int toDelete = (int) Math.min(diff, BURST_REPLICAS);
      log.debug(
          "{}: too many replicas for {}: need {}, deleting {}",
          NAME,
          key,
          specReplicas(rs),
          toDelete);
      List<ObjectNode> victims = podsToDelete(rs, owned, toDelete);
      List<String> victimKeys = new ArrayList<>();
      for (ObjectNode v : victims) {
        victimKeys.add(Informer.keyOf(v));
      }
      expectations.expectDeletions(key, victimKeys);
      Exception first = null;
      for (ObjectNode v : victims) {
        try {
          deletePod(rs, v);
        } catch (ApiException e) {
          expectations.deletionObserved(key, Informer.keyOf(v));
          if (e.code() != 404 && first == null) {
            first = e;
          }
        }
      }
      return first;
    }
    return null;
  }

  private void createPod(String key, ObjectNode rs) {
    ObjectNode pod = podFromTemplate(rs);
    ObjectNode created;
    try {
      created = podControl.create(Pods.namespace(rs), pod);
    } catch (ApiException e) {
      events.record(
          rs, "Warning", "FailedCreate", "Error creating: " + e.getMessage(), NAME, null, null);
      if (e.code() == 403 && String.valueOf(e.getMessage()).contains("is being terminated")) {
        // Kubernetes counts this as done: every creation would fail until the namespace is gone.
        expectations.creationObserved(key);
        return;
      }
      throw e;
    }
    events.record(
        rs, "Normal", "SuccessfulCreate", "Created pod: " + Pods.name(created), NAME, null, null);
  }

  /**
   * A new pod for {@code rs}: generateName {@code <rs>-}, the template's labels, annotations,
   * finalizers and spec, and the ReplicaSet as controlling owner.
   *
   * @throws IllegalStateException when the template has no labels (the pod could never be owned)
   */
  static ObjectNode podFromTemplate(ObjectNode rs) {
    JsonNode template = rs.path("spec").path("template");
    JsonNode labels = template.path("metadata").path("labels");
    if (!labels.isObject() || labels.isEmpty()) {
      throw new IllegalStateException("unable to create pods, no labels");
    }
    ObjectNode pod = Json.object();
    pod.put("apiVersion", "v1");
    pod.put("kind", "Pod");
    ObjectNode meta = pod.putObject("metadata");
    meta.put("generateName", Pods.name(rs) + "-");
    meta.put("namespace", Pods.namespace(rs));
    meta.set("labels", labels.deepCopy());
    for (String f : List.of("annotations", "finalizers")) {
      JsonNode v = template.path("metadata").get(f);
      if (v != null && !v.isNull()) {
        meta.set(f, v.deepCopy());
      }
    }
    meta.putArray("ownerReferences").add(PodClaims.controllerRef(rs));
    JsonNode spec = template.get("spec");
    pod.set("spec", spec == null ? Json.object() : spec.deepCopy());
    return pod;
  }

  private void deletePod(ObjectNode rs, ObjectNode pod) {
    try {
      podControl.delete(Pods.namespace(pod), Pods.name(pod));
    } catch (ApiException e) {
      if (e.code() != 404) {
        events.record(
            rs, "Warning", "FailedDelete", "Error deleting: " + e.getMessage(), NAME, null, null);
      }
      throw e;
    }
    events.record(
        rs, "Normal", "SuccessfulDelete", "Deleted pod: " + Pods.name(pod), NAME, null, null);
  }

  /** The {@code count} owned pods cheapest to lose, by {@link PodRanking}. */
  private List<ObjectNode> podsToDelete(ObjectNode rs, List<ObjectNode> owned, int count) {
    List<ObjectNode> sorted = new ArrayList<>(owned);
    if (count < sorted.size()) {
      PodRanking ranking = new PodRanking(relatedPodsPerNode(rs), clock.now());
      sorted.sort(ranking::compare);
    }
    return sorted.subList(0, count);
  }

  /**
   * Active pods per node of every ReplicaSet with the same controlling owner as {@code rs} (its
   * Deployment), found by their selectors: the "doubled up" rank counts the whole family.
   */
  private Map<String, Integer> relatedPodsPerNode(ObjectNode rs) {
    List<ObjectNode> family = new ArrayList<>();
    JsonNode ref = Pods.controllerRef(rs);
    if (ref == null) {
      family.add(rs);
    } else {
      family.addAll(replicaSets.byIndex(Informers.BY_OWNER, ref.path("uid").asString("")));
    }
    Set<String> seen = new HashSet<>();
    Map<String, Integer> perNode = new HashMap<>();
    for (ObjectNode member : family) {
      LabelSelector s = selectorOf(member);
      if (s == null) {
        continue;
      }
      for (ObjectNode p : Informers.select(pods, Pods.namespace(member), s)) {
        if (seen.add(Pods.uid(p)) && Pods.isActive(p)) {
          perNode.merge(Pods.nodeName(p), 1, Integer::sum);
        }
      }
    }
    return perNode;
  }

  private void writeStatus(ObjectNode rs, ObjectNode status) {
    if (ReplicaSetStatus.unchanged(rs, status)) {
      return;
    }
    long generation = Json.at(rs, "metadata", "generation").asLong(0);
    status.put("observedGeneration", generation);
    String uid = Pods.uid(rs);
    try {
      objects.update(
          rsType,
          Pods.namespace(rs),
          Pods.name(rs),
          "status",
          r -> {
            if (Pods.uid(r).equals(uid)) {
              r.set("status", status.deepCopy());
            }
            return r;
          },
          NAME);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  /**
   * Requeues the ReplicaSet for the moment its next ready pod becomes available (one second after
   * {@code readySince + minReadySeconds}, since availability needs strictly more than
   * minReadySeconds), so {@code availableReplicas} goes up without waiting for another event.
   */
  private void requeueForAvailability(
      String key, ObjectNode rs, List<ObjectNode> owned, Instant now) {
    long minReady = rs.path("spec").path("minReadySeconds").asLong(0);
    if (minReady <= 0) {
      return;
    }
    Instant next = null;
    for (ObjectNode p : owned) {
      Instant since = Pods.readySince(p);
      if (since != null && !Pods.isAvailable(p, minReady, now)) {
        Instant due = since.plusSeconds(minReady + 1);
        next = next == null || due.isBefore(next) ? due : next;
      }
    }
    if (next != null) {
      Duration wait = Duration.between(now, next);
      queue.addAfter(key, wait.isNegative() ? Duration.ZERO : wait);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** {@code spec.replicas}, 1 when unset (the API default). */
  static long specReplicas(ObjectNode rs) {
    JsonNode r = rs.path("spec").path("replicas");
    return r.isNumber() ? r.asLong() : 1;
  }

  /** The ReplicaSet's selector, or null when it cannot be parsed. */
  static LabelSelector selectorOf(ObjectNode rs) {
    try {
      return LabelSelector.fromJson(rs.path("spec").get("selector"));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
