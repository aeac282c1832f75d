package dev.kc.controlplane.controller.deployment;

import static dev.kc.controlplane.controller.deployment.ReplicaSets.controllerRef;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.isDeleting;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.namespace;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.uid;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rolls Deployments out through ReplicaSets, as Kubernetes' Deployment controller does ({@code
 * pkg/controller/deployment}).
 *
 * <p>One sync ({@link #syncDeployment}): claim ReplicaSets (adopt matching orphans, release owned
 * ones no longer selected); a Deployment being deleted only gets status; paused/resumed condition
 * bookkeeping; paused or being scaled → resize (proportionally for RollingUpdate) without rolling
 * out; otherwise one step of the RollingUpdate or Recreate strategy, then status and conditions.
 * Rolling steps are taken one per sync; ReplicaSet and pod events drive the next one.
 */
public final class DeploymentController extends Controller {
  /** The component name, on events and as field manager. */
  public static final String NAME = "deployment-controller";

  private static final Logger log = LoggerFactory.getLogger(DeploymentController.class);

  private final ObjectService objects;
  private final EventRecorder events;
  private final ResourceType deployType;
  private final ResourceType rsType;
  private final Informer deployments;
  private final Informer replicaSets;
  private final Informer pods;
  private final Sync sync;
  private final Rolling rolling;
  private final Recreate recreate;

  /** Registers the informer handlers; call {@link #start()} after the informers have started. */
  public DeploymentController(
      Informers informers, ObjectService objects, EventRecorder events, Clock clock) {
    super(NAME, 5, clock);
    this.objects = objects;
    this.events = events;
    this.deployType = objects.registry().byKind("apps/v1", "Deployment").orElseThrow();
    this.rsType = objects.registry().byKind("apps/v1", "ReplicaSet").orElseThrow();
    this.deployments = informers.forKind("apps/v1", "Deployment");
    this.replicaSets = informers.forKind("apps/v1", "ReplicaSet");
    this.pods = informers.forKind("v1", "Pod");
    Sync.Requeue requeue =
        new Sync.Requeue() {
          @Override
          public void after(String key, Duration delay) {
            queue.addAfter(key, delay);
          }

          @Override
          public void rateLimited(String key) {
            queue.addRateLimited(key);
          }
        };
    this.sync = new Sync(objects, events, clock, requeue, NAME);
    this.rolling = new Rolling(sync);
    this.recreate = new Recreate(sync);
    deployments.addHandler(new DeploymentHandler());
    replicaSets.addHandler(new ReplicaSetHandler());
    pods.addHandler(new PodHandler());
  }

  // ---- event handlers: they only enqueue keys ---------------------------------------------

  private final class DeploymentHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode d) {
      enqueue(Informer.keyOf(d));
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode d) {
      enqueue(Informer.keyOf(d));
    }

    @Override
    public void onDelete(ObjectNode d) {
      enqueue(Informer.keyOf(d));
    }
  }

  private final class ReplicaSetHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode rs) {
      if (!enqueueOwner(rs)) {
        enqueueSelecting(rs);
      }
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode rs) {
      JsonNode oldRef = controllerRef(old);
      JsonNode ref = controllerRef(rs);
      boolean refChanged = !Objects.equals(oldRef, ref);
      if (refChanged && oldRef != null) {
        enqueueOwner(old);
      }
      if (ref != null) {
        enqueueOwner(rs);
        return;
      }
      boolean labelsChanged = !LabelSelector.labelsOf(old).equals(LabelSelector.labelsOf(rs));
      if (labelsChanged || refChanged) {
        enqueueSelecting(rs);
      }
    }

    @Override
    public void onDelete(ObjectNode rs) {
      enqueueOwner(rs);
    }
  }

  /** Pod deletions matter to Recreate, which waits for every old pod to be gone. */
  private final class PodHandler implements Informer.Handler {
    @Override
    public void onAdd(ObjectNode pod) {}

    @Override
    public void onUpdate(ObjectNode old, ObjectNode pod) {}

    @Override
    public void onDelete(ObjectNode pod) {
      JsonNode ref = controllerRef(pod);
      if (ref == null || !ref.path("kind").asString("").equals("ReplicaSet")) {
        return;
      }
      ObjectNode rs = replicaSets.get(namespace(pod), ref.path("name").asString(""));
      ObjectNode d = rs == null ? null : owner(rs);
      if (d != null && Deployments.isRecreate(d)) {
        enqueue(Informer.keyOf(d));
      }
    }
  }

  /** Queues the Deployment controlling {@code rs}; returns whether it has a controller. */
  private boolean enqueueOwner(ObjectNode rs) {
    if (controllerRef(rs) == null) {
      return false;
    }
    ObjectNode d = owner(rs);
    if (d != null) {
      enqueue(Informer.keyOf(d));
    }
    return true;
  }

  /** The cached Deployment controlling {@code rs}, or null. */
  private ObjectNode owner(ObjectNode rs) {
    JsonNode ref = controllerRef(rs);
    if (ref == null || !ref.path("kind").asString("").equals("Deployment")) {
      return null;
    }
    ObjectNode d = deployments.get(namespace(rs), ref.path("name").asString(""));
    return d != null && uid(d).equals(ref.path("uid").asString("")) ? d : null;
  }

  /** Queues every Deployment whose selector matches an orphan ReplicaSet, so one can adopt it. */
  private void enqueueSelecting(ObjectNode rs) {
    Map<String, String> labels = LabelSelector.labelsOf(rs);
    for (ObjectNode d : deployments.byIndex(Informers.BY_NAMESPACE, namespace(rs))) {
      LabelSelector s = selectorOf(d);
      if (s != null && !s.isEmpty() && s.matches(labels)) {
        enqueue(Informer.keyOf(d));
      }
    }
  }

  // ---- the reconcile ----------------------------------------------------------------------

  @Override
  protected void sync(String key) throws Exception {
    syncDeployment(key);
  }

  /**
   * Reconciles one Deployment. Steps:
   *
   * <ol>
   *   <li>gone from the cache: done;
   *   <li>an empty selector: warn {@code SelectingAll}, bump observedGeneration only;
   *   <li>claim ReplicaSets, group the selected pods by ReplicaSet;
   *   <li>being deleted: status only;
   *   <li>paused/resumed condition bookkeeping;
   *   <li>paused, or a scaling event: resize without rolling out;
   *   <li>otherwise one step of the Recreate or RollingUpdate strategy.
   * </ol>
   *
   * <p>Idempotent; never runs concurrently for one key; works on a copy of the cached object.
   *
   * @throws ApiException a failed write (409 when a ReplicaSet changed under us); the worker
   *     retries
   */
  void syncDeployment(String key) {
    ObjectNode cached = deployments.get(key);
    if (cached == null) {
      return;
    }
    ObjectNode d = cached.deepCopy();
    LabelSelector selector = selectorOf(d);
    if (selector == null) {
      log.warn("{}: Deployment {} has an invalid selector; ignoring it", NAME, key);
      return;
    }
    if (selector.isEmpty()) {
      selectingAll(d);
      return;
    }

    List<ObjectNode> rsList = claimReplicaSets(d, selector);
    try {
      if (isDeleting(d)) {
        Sync.Family f = sync.getAllReplicaSetsAndSyncRevision(d, rsList, false);
        sync.syncDeploymentStatus(f.all(), f.newRS(), d);
        return;
      }

      sync.checkPausedConditions(d);
      if (Deployments.isPaused(d)) {
        sync.syncScaling(d, rsList);
        return;
      }

      // TODO: the legacy rollback annotation (deprecated.deployment.rollback.to) is ignored.
      // kubectl rollout undo patches the template client-side, which is fully supported.
      Sync.Family f = sync.getAllReplicaSetsAndSyncRevision(d, rsList, false);
      if (Sync.isScalingEvent(d, f)) {
        sync.syncScaling(d, rsList);
        return;
      }

      if (Deployments.isRecreate(d)) {
        recreate.rolloutRecreate(d, rsList, podsByReplicaSet(d, selector, rsList));
      } else {
        rolling.rolloutRolling(d, rsList);
      }
      requeueForMinReady(key, d);
    } catch (Sync.HashCollision e) {
      // collisionCount was written; that status update queues the next attempt.
      log.debug("{}: {}: {}", NAME, key, e.getMessage());
    }
  }

  private void selectingAll(ObjectNode d) {
    events.record(
        d,
        "Warning",
        "SelectingAll",
        "This deployment is selecting all pods. A non-empty selector is required.",
        NAME,
        null,
        null);
    if (d.path("status").path("observedGeneration").asLong(0) < Deployments.generation(d)) {
      ObjectNode status = Sync.statusCopy(d);
      status.put("observedGeneration", Deployments.generation(d));
      sync.writeDeployment(d, false, status);
    }
  }

  /** While a rollout waits on minReadySeconds, look again once that much time has passed. */
  private void requeueForMinReady(String key, ObjectNode d) {
    long minReady = Deployments.minReadySeconds(d);
    if (minReady > 0 && !Deployments.isComplete(d, d.path("status"))) {
      queue.addAfter(key, Duration.ofSeconds(minReady + 1));
    }
  }

  // ---- claiming ---------------------------------------------------------------------------

  /**
   * The ReplicaSets the Deployment owns after claiming, as private copies: owned ones it still
   * selects; owned ones it no longer selects are released; selected orphans are adopted unless the
   * Deployment is being deleted. ReplicaSets of other controllers are never touched.
   */
  private List<ObjectNode> claimReplicaSets(ObjectNode d, LabelSelector selector) {
    String dUid = uid(d);
    List<ObjectNode> owned = new ArrayList<>();
    boolean adoptionChecked = false;
    for (ObjectNode rs : replicaSets.byIndex(Informers.BY_NAMESPACE, namespace(d))) {
      JsonNode ref = controllerRef(rs);
      boolean selected = selector.matches(LabelSelector.labelsOf(rs));
      if (ref != null) {
        if (!ref.path("uid").asString("").equals(dUid)) {
          continue;
        }
        if (selected) {
          owned.add(rs.deepCopy());
        } else if (!isDeleting(d)) {
          release(rs, dUid);
        }
        continue;
      }
      if (isDeleting(d) || !selected || isDeleting(rs)) {
        continue;
      }
      if (!adoptionChecked) {
        if (!canAdopt(d)) {
          break;
        }
        adoptionChecked = true;
      }
      ObjectNode adopted = adopt(rs, d);
      if (adopted != null) {
        owned.add(adopted);
      }
    }
    return owned;
  }

  /** Re-reads the Deployment: the cache may still show one that was deleted or replaced. */
  private boolean canAdopt(ObjectNode d) {
    try {
      ObjectNode fresh = objects.get(deployType, "v1", namespace(d), ReplicaSets.name(d));
      return uid(fresh).equals(uid(d)) && !isDeleting(fresh);
    } catch (ApiException e) {
      if (e.code() == 404) {
        return false;
      }
      throw e;
    }
  }

  private ObjectNode adopt(ObjectNode rs, ObjectNode d) {
    String rsUid = uid(rs);
    try {
      ObjectNode updated =
          objects.update(
              rsType,
              namespace(rs),
              ReplicaSets.name(rs),
              null,
              r -> {
                if (uid(r).equals(rsUid) && controllerRef(r) == null && !isDeleting(r)) {
                  ownerReferences(r).add(Sync.controllerRef(d));
                }
                return r;
              },
              NAME);
      JsonNode ref = controllerRef(updated);
      boolean ours = ref != null && ref.path("uid").asString("").equals(uid(d));
      return ours ? updated.deepCopy() : null;
    } catch (ApiException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
  }

  private void release(ObjectNode rs, String dUid) {
    String rsUid = uid(rs);
    try {
      objects.update(
          rsType,
          namespace(rs),
          ReplicaSets.name(rs),
          null,
          r -> {
            if (uid(r).equals(rsUid)) {
              Iterator<JsonNode> it = ownerReferences(r).iterator();
              while (it.hasNext()) {
                if (it.next().path("uid").asString("").equals(dUid)) {
                  it.remove();
                }
              }
              if (ownerReferences(r).isEmpty()) {
                Json.metadata(r).remove("ownerReferences");
              }
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

  private static ArrayNode ownerReferences(ObjectNode obj) {
    ObjectNode meta = Json.metadata(obj);
    JsonNode refs = meta.get("ownerReferences");
    return refs instanceof ArrayNode a ? a : meta.putArray("ownerReferences");
  }

  /**
   * Pods selected by the Deployment, grouped by the uid of the owned ReplicaSet controlling them.
   */
  private Map<String, List<ObjectNode>> podsByReplicaSet(
      ObjectNode d, LabelSelector selector, List<ObjectNode> rsList) {
    Map<String, List<ObjectNode>> out = new HashMap<>();
    for (ObjectNode rs : rsList) {
      out.put(uid(rs), new ArrayList<>());
    }
    for (ObjectNode pod : Informers.select(pods, namespace(d), selector)) {
      JsonNode ref = controllerRef(pod);
      if (ref != null && out.containsKey(ref.path("uid").asString(""))) {
        out.get(ref.path("uid").asString("")).add(pod);
      }
    }
    return out;
  }

  /** The Deployment's selector, or null when it cannot be parsed. */
  private static LabelSelector selectorOf(ObjectNode d) {
    try {
      return LabelSelector.fromJson(d.path("spec").get("selector"));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
