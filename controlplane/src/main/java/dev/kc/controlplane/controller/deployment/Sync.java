package dev.kc.controlplane.controller.deployment;

import static dev.kc.controlplane.controller.deployment.ReplicaSets.DESIRED_REPLICAS;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.MAX_REPLICAS;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.REVISION;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.REVISION_HISTORY;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.name;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.namespace;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.replicas;
import static dev.kc.controlplane.controller.deployment.ReplicaSets.uid;

import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.events.EventRecorder;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The steps shared by every Deployment sync path (Kubernetes' {@code deployment/sync.go}): finding
 * or creating the new ReplicaSet and syncing revisions, scaling ReplicaSets (with events and the
 * desired/max-replicas annotations), proportional scaling, history cleanup and status writes.
 *
 * <p>The Deployment and ReplicaSet nodes passed in are the sync's private copies: after every
 * successful write their content is replaced by what was stored, so later steps of the same pass
 * see the new sizes.
 */
final class Sync {
  private static final Logger log = LoggerFactory.getLogger(Sync.class);

  /** Deployment annotations never copied to a ReplicaSet (§0.5). */
  private static final Set<String> NOT_COPIED =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          REVISION,
          REVISION_HISTORY,
          DESIRED_REPLICAS,
          MAX_REPLICAS,
          "deprecated.deployment.rollback.to");

  /** Kubernetes caps revision-history at this many characters, dropping the oldest entries. */
  private static final int MAX_REVISION_HISTORY_CHARS = 2000;

  /** Requeue hooks into the controller's work queue. */
  interface Requeue {
    void after(String key, Duration delay);

    void rateLimited(String key);
  }

  /** Thrown after a hash collision was recorded in status; the status write requeues the key. */
  static final class HashCollision extends RuntimeException {
    HashCollision(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The Deployment's ReplicaSets split into the new one (may be null) and the old ones.
   *
   * @param newRS the new ReplicaSet, or null when none exists (and none was created)
   * @param oldRSs every other owned ReplicaSet
   */
  record Family(ObjectNode newRS, List<ObjectNode> oldRSs) {
    /** Old ones followed by the new one (when present). */
    List<ObjectNode> all() {
      List<ObjectNode> out = new ArrayList<>(oldRSs);
      if (newRS != null) {
        out.add(newRS);
      }
      return out;
    }
  }

  final ObjectService objects;
  final EventRecorder events;
  final Clock clock;
  final ResourceType rsType;
  final ResourceType deployType;
  final Requeue requeue;
  final String manager;

  Sync(ObjectService objects, EventRecorder events, Clock clock, Requeue requeue, String manager) {
    this.objects = objects;
    this.events = events;
    this.clock = clock;
    this.requeue = requeue;
    this.manager = manager;
    this.rsType = objects.registry().byKind("apps/v1", "ReplicaSet").orElseThrow();
    this.deployType = objects.registry().byKind("apps/v1", "Deployment").orElseThrow();
  }

  // ---- new ReplicaSet and revisions ------------------------------------------------------

  /**
   * The oldest ReplicaSet in {@code rsList} whose template equals the Deployment's, ignoring the
   * {@code pod-template-hash} label; null when none.
   */
  static ObjectNode findNewReplicaSet(ObjectNode d, List<ObjectNode> rsList) {
    List<ObjectNode> sorted = new ArrayList<>(rsList);
    sorted.sort(ReplicaSets.BY_CREATION);
    JsonNode template = d.path("spec").path("template");
    for (ObjectNode rs : sorted) {
      if (ReplicaSets.equalIgnoringHash(rs.path("spec").path("template"), template)) {
        return rs;
      }
    }
    return null;
  }

  /** Splits {@code rsList} without writing anything. */
  static Family split(ObjectNode d, List<ObjectNode> rsList) {
    ObjectNode newRS = findNewReplicaSet(d, rsList);
    List<ObjectNode> old = new ArrayList<>();
    for (ObjectNode rs : rsList) {
      if (rs != newRS) {
        old.add(rs);
      }
    }
    return new Family(newRS, old);
  }

  /**
   * Splits the ReplicaSets and syncs the new one's revision and annotations (Kubernetes'
   * getAllReplicaSetsAndSyncRevision). Steps:
   *
   * <ol>
   *   <li>old ReplicaSets = all but the new one; newRevision = 1 + their max revision;
   *   <li>an existing new ReplicaSet gets the copied annotations, newRevision (recording its
   *       previous one in revision-history) and minReadySeconds;
   *   <li>when missing and {@code create} is set, it is created (name {@code <deploy>-<hash>});
   *   <li>the Deployment's revision annotation and Progressing condition are updated.
   * </ol>
   *
   * @throws HashCollision when the name is taken by a different ReplicaSet (collisionCount was
   *     incremented and written)
   */
  Family getAllReplicaSetsAndSyncRevision(ObjectNode d, List<ObjectNode> rsList, boolean create) {
    Family f = split(d, rsList);
    long newRevision = 1;
    for (ObjectNode rs : f.oldRSs()) {
      newRevision = Math.max(newRevision, ReplicaSets.revision(rs) + 1);
    }
    if (f.newRS() != null) {
      syncExistingNewReplicaSet(d, f.newRS(), newRevision);
      return f;
    }
    if (!create) {
      return f;
    }
    ObjectNode created = createNewReplicaSet(d, f.oldRSs(), newRevision);
    return new Family(created, f.oldRSs());
  }

  private void syncExistingNewReplicaSet(ObjectNode d, ObjectNode rs, long newRevision) {
    ObjectNode copy = rs.deepCopy();
    boolean annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    long minReady = Deployments.minReadySeconds(d);
    boolean minReadyChanged = copy.path("spec").path("minReadySeconds").asLong(0) != minReady;
    if (annotationsChanged || minReadyChanged) {
      ObjectNode annotations = (ObjectNode) Json.at(copy, "metadata", "annotations");
      String rsUid = uid(rs);
      ObjectNode stored =
          objects.update(
              rsType,
              namespace(rs),
              name(rs),
              null,
              r -> {
                if (uid(r).equals(rsUid)) {
                  Json.metadata(r).set("annotations", annotations.deepCopy());
                  Json.with(r, "spec").put("minReadySeconds", minReady);
                }
                return r;
              },
              manager);
      ReplicaSets.refresh(rs, stored);
    }
    boolean annotate = setDeploymentRevision(d, ReplicaSets.annotation(rs, REVISION));
    ObjectNode status = statusCopy(d);
    boolean statusChanged = false;
    if (Deployments.hasProgressDeadline(d)
        && Deployments.condition(status, Deployments.PROGRESSING) == null) {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING,
              "True",
              "FoundNewReplicaSet",
              "Found new replica set \"" + name(rs) + "\"",
              clock.now()));
      statusChanged = true;
    }
    writeDeployment(d, annotate, statusChanged ? status : null);
  }

  private ObjectNode createNewReplicaSet(ObjectNode d, List<ObjectNode> oldRSs, long newRevision) {
    ObjectNode rs = newReplicaSetFor(d);
    List<ObjectNode> all = new ArrayList<>(oldRSs);
    all.add(rs);
    long count = newRSNewReplicas(d, all, rs);
    Json.with(rs, "spec").put("replicas", count);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    ObjectNode created;
    boolean alreadyExists = false;
    try {
      created =
          objects
              .create(
                  rsType, rsType.storageVersion(), namespace(d), rs, WriteOptions.internal(manager))
              .object();
    } catch (ApiException e) {
      if (e.code() == 409) {
        created = existingOrCollision(d, name(rs));
        alreadyExists = true;
      } else {
        failedCreate(d, name(rs), e);
        throw e;
      }
    }
    if (!alreadyExists && count > 0) {
      scalingEvent(d, created, "up", 0, count);
    }
    boolean annotate = setDeploymentRevision(d, Long.toString(newRevision));
    ObjectNode status = null;
    if (!alreadyExists && Deployments.hasProgressDeadline(d)) {
      status = statusCopy(d);
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING,
              "True",
              "NewReplicaSetCreated",
              "Created new replica set \"" + name(created) + "\"",
              clock.now()));
    }
    writeDeployment(d, annotate, status);
    return created.deepCopy();
  }

  /**
   * The ReplicaSet for {@code d}'s template: {@code <deploy>-<hash>}, labels/selector/template
   * labels with {@code pod-template-hash}, a controller reference to the Deployment.
   */
  static ObjectNode newReplicaSetFor(ObjectNode d) {
    ObjectNode template = ((ObjectNode) d.path("spec").path("template")).deepCopy();
    String hash = TemplateHash.compute(template, Deployments.collisionCount(d));
    Json.with(Json.with(template, "metadata"), "labels").put(ReplicaSets.HASH_LABEL, hash);
    ObjectNode selector = ((ObjectNode) d.path("spec").path("selector")).deepCopy();
    Json.with(selector, "matchLabels").put(ReplicaSets.HASH_LABEL, hash);

    ObjectNode rs = Json.object();
    rs.put("apiVersion", "apps/v1");
    rs.put("kind", "ReplicaSet");
    ObjectNode meta = rs.putObject("metadata");
    meta.put("name", name(d) + "-" + hash);
    meta.put("namespace", namespace(d));
    meta.set("labels", Json.at(template, "metadata", "labels").deepCopy());
    meta.putArray("ownerReferences").add(controllerRef(d));
    ObjectNode spec = rs.putObject("spec");
    spec.put("replicas", 0);
    spec.put("minReadySeconds", Deployments.minReadySeconds(d));
    spec.set("selector", selector);
    spec.set("template", template);
    return rs;
  }

  static ObjectNode controllerRef(ObjectNode d) {
    ObjectNode ref = Json.object();
    ref.put("apiVersion", "apps/v1");
    ref.put("kind", "Deployment");
    ref.put("name", name(d));
    ref.put("uid", uid(d));
    ref.put("controller", true);
    ref.put("blockOwnerDeletion", true);
    return ref;
  }

  /**
   * The name is taken: ours with an equal template counts as found; anything else is a hash
   * collision, recorded by incrementing {@code status.collisionCount}.
   */
  private ObjectNode existingOrCollision(ObjectNode d, String rsName) {
    ObjectNode existing = objects.get(rsType, rsType.storageVersion(), namespace(d), rsName);
    JsonNode ref = ReplicaSets.controllerRef(existing);
    boolean ours = ref != null && ref.path("uid").asString("").equals(uid(d));
    if (ours
        && ReplicaSets.equalIgnoringHash(
            existing.path("spec").path("template"), d.path("spec").path("template"))) {
      return existing;
    }
    ObjectNode status = statusCopy(d);
    Long count = Deployments.collisionCount(d);
    status.put("collisionCount", count == null ? 1 : count + 1);
    writeDeployment(d, false, status);
    throw new HashCollision("hash collision for ReplicaSet " + rsName);
  }

  private void failedCreate(ObjectNode d, String rsName, ApiException e) {
    String msg = "Failed to create new replica set \"" + rsName + "\": " + e.getMessage();
    events.record(d, "Warning", "ReplicaSetCreateError", msg, manager, null, null);
    if (Deployments.hasProgressDeadline(d)) {
      ObjectNode status = statusCopy(d);
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING, "False", "ReplicaSetCreateError", msg, clock.now()));
      writeDeployment(d, false, status);
    }
  }

  /**
   * Copies annotations, bumps the revision (recording the previous one in revision-history) and,
   * for a ReplicaSet about to be created, sets desired/max-replicas. Mutates {@code rs}.
   *
   * @return whether any annotation changed
   */
  static boolean setNewReplicaSetAnnotations(
      ObjectNode d, ObjectNode rs, long newRevision, boolean exists) {
    ObjectNode annotations = Json.with(Json.metadata(rs), "annotations");
    boolean changed = copyAnnotations(d, annotations);
    String oldRevision = ReplicaSets.annotation(rs, REVISION);
    long oldRevisionInt = 0;
    if (oldRevision != null) {
      try {
        oldRevisionInt = Long.parseLong(oldRevision);
      } catch (NumberFormatException e) {
        return changed;
      }
    }
    if (oldRevisionInt < newRevision) {
      annotations.put(REVISION, Long.toString(newRevision));
      changed = true;
      if (oldRevision != null) {
        annotations.put(REVISION_HISTORY, appendHistory(annotations, oldRevision));
      }
    }
    if (!exists) {
      long replicas = replicas(d);
      changed |= setReplicasAnnotations(rs, replicas, replicas + Deployments.maxSurge(d));
    }
    return changed;
  }

  private static String appendHistory(ObjectNode annotations, String oldRevision) {
    String history = annotations.path(REVISION_HISTORY).asString("");
    if (history.isEmpty()) {
      return oldRevision;
    }
    List<String> entries = new ArrayList<>(List.of(history.split(",")));
    entries.add(oldRevision);
    String joined = String.join(",", entries);
    while (joined.length() > MAX_REVISION_HISTORY_CHARS && entries.size() > 1) {
      entries.remove(0);
      joined = String.join(",", entries);
    }
    return joined;
  }

  private static boolean copyAnnotations(ObjectNode d, ObjectNode target) {
    boolean changed = false;
    for (Map.Entry<String, JsonNode> e : Json.at(d, "metadata", "annotations").properties()) {
      if (NOT_COPIED.contains(e.getKey()) || e.getValue().equals(target.get(e.getKey()))) {
        continue;
      }
      target.set(e.getKey(), e.getValue().deepCopy());
      changed = true;
    }
    return changed;
  }

  /** Sets desired/max-replicas on {@code rs}; returns whether either changed. */
  static boolean setReplicasAnnotations(ObjectNode rs, long desired, long max) {
    ObjectNode annotations = Json.with(Json.metadata(rs), "annotations");
    boolean changed = false;
    for (Map.Entry<String, Long> e :
        Map.of(DESIRED_REPLICAS, desired, MAX_REPLICAS, max).entrySet()) {
      String v = Long.toString(e.getValue());
      if (!v.equals(annotations.path(e.getKey()).asString(null))) {
        annotations.put(e.getKey(), v);
        changed = true;
      }
    }
    return changed;
  }

  private static boolean replicasAnnotationsNeedUpdate(ObjectNode rs, long desired, long max) {
    return !Long.toString(desired).equals(ReplicaSets.annotation(rs, DESIRED_REPLICAS))
        || !Long.toString(max).equals(ReplicaSets.annotation(rs, MAX_REPLICAS));
  }

  /** Sets the Deployment's revision annotation in the copy; returns whether it changed. */
  private static boolean setDeploymentRevision(ObjectNode d, String revision) {
    if (revision == null || revision.equals(ReplicaSets.annotation(d, REVISION))) {
      return false;
    }
    Json.with(Json.metadata(d), "annotations").put(REVISION, revision);
    return true;
  }

  /**
   * The size of the new ReplicaSet for the next rolling step (§1.4): with room under {@code
   * replicas + maxSurge}, grow by that room but not past {@code replicas}. Recreate: replicas.
   */
  static long newRSNewReplicas(ObjectNode d, List<ObjectNode> all, ObjectNode newRS) {
    long replicas = replicas(d);
    if (Deployments.isRecreate(d)) {
      return replicas;
    }
    long current = ReplicaSets.specSum(all);
    long maxTotal = replicas + Deployments.maxSurge(d);
    if (current >= maxTotal) {
      return replicas(newRS);
    }
    long up = Math.min(maxTotal - current, replicas - replicas(newRS));
    return replicas(newRS) + up;
  }

  // ---- scaling -----------------------------------------------------------------------------

  /**
   * Scales {@code rs} to {@code size}, recording {@code Scaled up|down replica set <rs> from <a> to
   * <b>}; a no-op when it already has that size.
   *
   * @return whether the size changed
   */
  boolean scaleAndRecord(ObjectNode rs, long size, ObjectNode d) {
    if (replicas(rs) == size) {
      return false;
    }
    return scale(rs, size, d, replicas(rs) < size ? "up" : "down");
  }

  /**
   * Writes {@code size} and the desired/max-replicas annotations when either differs; the event
   * only for a size change.
   *
   * @return whether the size changed
   * @throws ApiException 409 when the stored size differs from the one this sync saw (stale cache)
   */
  boolean scale(ObjectNode rs, long size, ObjectNode d, String operation) {
    long before = replicas(rs);
    long desired = replicas(d);
    long max = desired + Deployments.maxSurge(d);
    boolean sizeChanges = before != size;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desired, max)) {
      return false;
    }
    String rsUid = uid(rs);
    ObjectNode stored =
        objects.update(
            rsType,
            namespace(rs),
            name(rs),
            null,
            r -> {
              if (!uid(r).equals(rsUid)) {
                return r;
              }
              if (replicas(r) != before) {
                throw ApiException.modified(rsType, name(rs));
              }
              Json.with(r, "spec").put("replicas", size);
              setReplicasAnnotations(r, desired, max);
              return r;
            },
            manager);
    ReplicaSets.refresh(rs, stored);
    if (sizeChanges) {
      scalingEvent(d, rs, operation, before, size);
    }
    return sizeChanges;
  }

  private void scalingEvent(ObjectNode d, ObjectNode rs, String op, long from, long to) {
    String msg = "Scaled " + op + " replica set " + name(rs) + " from " + from + " to " + to;
    log.debug("{}: {}/{}: {}", manager, namespace(d), name(d), msg);
    events.record(d, "Normal", "ScalingReplicaSet", msg, manager, null, null);
  }

  /**
   * Whether a scaling event is under way (§1.2 step 7): an active ReplicaSet's desired-replicas
   * annotation differs from {@code spec.replicas}.
   */
  static boolean isScalingEvent(ObjectNode d, Family f) {
    for (ObjectNode rs : ReplicaSets.active(f.all())) {
      Long desired = ReplicaSets.intAnnotation(rs, DESIRED_REPLICAS);
      if (desired != null && desired != replicas(d)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The scaling/paused path (§1.5): resizes without rolling out, proportionally across active
   * ReplicaSets for RollingUpdate; then (paused only) history cleanup and a plain status sync.
   */
  void syncScaling(ObjectNode d, List<ObjectNode> rsList) {
    Family f = getAllReplicaSetsAndSyncRevision(d, rsList, false);
    scaleFamily(d, f);
    if (Deployments.isPaused(d)) {
      cleanupDeployment(f.oldRSs(), d);
    }
    syncDeploymentStatus(f.all(), f.newRS(), d);
  }

  private void scaleFamily(ObjectNode d, Family f) {
    long replicas = replicas(d);
    ObjectNode single = activeOrLatest(f);
    if (single != null) {
      scaleAndRecord(single, replicas, d);
      return;
    }
    if (f.all().isEmpty()) {
      return;
    }
    if (isSaturated(d, f.newRS())) {
      for (ObjectNode old : ReplicaSets.active(f.oldRSs())) {
        scaleAndRecord(old, 0, d);
      }
      return;
    }
    if (!Deployments.isRecreate(d)) {
      scaleProportionally(d, ReplicaSets.active(f.all()));
    }
  }

  /**
   * The only active ReplicaSet; with none active, the new one or else the newest old one; null when
   * several are active (or there are none at all).
   */
  private static ObjectNode activeOrLatest(Family f) {
    List<ObjectNode> active = ReplicaSets.active(f.all());
    if (active.size() == 1) {
      return active.get(0);
    }
    if (!active.isEmpty() || f.all().isEmpty()) {
      return null;
    }
    if (f.newRS() != null) {
      return f.newRS();
    }
    List<ObjectNode> old = new ArrayList<>(f.oldRSs());
    old.sort(ReplicaSets.BY_CREATION.reversed());
    return old.get(0);
  }

  private static boolean isSaturated(ObjectNode d, ObjectNode newRS) {
    if (newRS == null) {
      return false;
    }
    Long desired = ReplicaSets.intAnnotation(newRS, DESIRED_REPLICAS);
    long replicas = replicas(d);
    return desired != null
        && replicas(newRS) == replicas
        && desired == replicas
        && ReplicaSets.status(newRS, "availableReplicas") == replicas;
  }

  /**
   * Spreads {@code replicas + maxSurge - Σ active} over the active ReplicaSets in proportion to
   * their size (§1.5 step 3). E.g. old 8 / new 5 under max 13, scaled to 15 with surge 3 (max 18,
   * toAdd 5): old gets round(8*18/13)-8 = 3, new round(5*18/13)-5 = 2 → 11 / 7. The leftover goes
   * to the first ReplicaSet in the order (largest; ties newer first when growing, older first when
   * shrinking).
   */
  private void scaleProportionally(ObjectNode d, List<ObjectNode> active) {
    long replicas = replicas(d);
    long allowed = replicas > 0 ? replicas + Deployments.maxSurge(d) : 0;
    long toAdd = allowed - ReplicaSets.specSum(active);
    List<ObjectNode> sorted = new ArrayList<>(active);
    Comparator<ObjectNode> bySize = Comparator.comparingLong(ReplicaSets::replicas).reversed();
    String operation = "";
    if (toAdd > 0) {
      sorted.sort(bySize.thenComparing(ReplicaSets.BY_CREATION.reversed()));
      operation = "up";
    } else if (toAdd < 0) {
      sorted.sort(bySize.thenComparing(ReplicaSets.BY_CREATION));
      operation = "down";
    }
    Map<ObjectNode, Long> sizes = new LinkedHashMap<>();
    long added = 0;
    for (ObjectNode rs : sorted) {
      long proportion = toAdd != 0 ? proportion(rs, d, toAdd, added) : 0;
      sizes.put(rs, replicas(rs) + proportion);
      added += proportion;
    }
    for (int i = 0; i < sorted.size(); i++) {
      ObjectNode rs = sorted.get(i);
      long size = sizes.get(rs);
      if (i == 0 && toAdd != 0) {
        size = Math.max(0, size + toAdd - added);
      }
      scale(rs, size, d, operation);
    }
  }

  private static long proportion(ObjectNode rs, ObjectNode d, long toAdd, long added) {
    if (replicas(rs) == 0 || toAdd == 0 || toAdd == added) {
      return 0;
    }
    long fraction = fraction(rs, d);
    long allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  private static long fraction(ObjectNode rs, ObjectNode d) {
    long replicas = replicas(d);
    if (replicas == 0) {
      return -replicas(rs);
    }
    long max = replicas + Deployments.maxSurge(d);
    Long annotated = ReplicaSets.intAnnotation(rs, MAX_REPLICAS);
    long before = annotated != null ? annotated : ReplicaSets.status(d, "replicas");
    if (before == 0) {
      // Kubernetes divides by zero here (+Inf, clamped by the caller's min/max); do the same.
      return Long.MAX_VALUE;
    }
    double size = (double) (replicas(rs) * max) / before;
    // Go's math.Round: halves away from zero.
    long rounded = (long) (size < 0 ? -Math.floor(-size + 0.5) : Math.floor(size + 0.5));
    return rounded - replicas(rs);
  }

  // ---- history cleanup ------------------------------------------------------------------------

  /**
   * Deletes the oldest-revision old ReplicaSets beyond revisionHistoryLimit (§1.8); ReplicaSets
   * still holding replicas, not yet observed, or being deleted are skipped, not replaced.
   */
  void cleanupDeployment(List<ObjectNode> oldRSs, ObjectNode d) {
    JsonNode limitNode = d.path("spec").path("revisionHistoryLimit");
    if (!limitNode.isNumber() || limitNode.asLong() == Deployments.MAX_INT32) {
      return;
    }
    List<ObjectNode> alive = new ArrayList<>();
    for (ObjectNode rs : oldRSs) {
      if (!ReplicaSets.isDeleting(rs)) {
        alive.add(rs);
      }
    }
    long excess = alive.size() - limitNode.asLong();
    if (excess <= 0) {
      return;
    }
    alive.sort(
        Comparator.comparingLong(ReplicaSets::revision).thenComparing(ReplicaSets.BY_CREATION));
    for (int i = 0; i < excess; i++) {
      ObjectNode rs = alive.get(i);
      if (ReplicaSets.status(rs, "replicas") != 0
          || replicas(rs) != 0
          || Json.at(rs, "metadata", "generation").asLong(0)
              > ReplicaSets.status(rs, "observedGeneration")) {
        continue;
      }
      log.debug("{}: deleting old ReplicaSet {}/{}", manager, namespace(rs), name(rs));
      try {
        objects.delete(
            rsType, rsType.storageVersion(), namespace(rs), name(rs), DeleteOptions.DEFAULT);
      } catch (ApiException e) {
        if (e.code() != 404) {
          throw e;
        }
      }
    }
  }

  // ---- status ------------------------------------------------------------------------------

  /**
   * The status computed from the ReplicaSets (§1.7): counts (zeros omitted, as Kubernetes'
   * omitempty), the collision count, and the Available condition; other conditions are kept.
   */
  ObjectNode calculateStatus(List<ObjectNode> all, ObjectNode newRS, ObjectNode d) {
    long available = ReplicaSets.statusSum(all, "availableReplicas");
    long unavailable = Math.max(0, ReplicaSets.specSum(all) - available);
    ObjectNode status = Json.object();
    putCount(status, "observedGeneration", Deployments.generation(d));
    putCount(status, "replicas", ReplicaSets.statusSum(all, "replicas"));
    putCount(status, "updatedReplicas", newRS == null ? 0 : ReplicaSets.status(newRS, "replicas"));
    putCount(status, "readyReplicas", ReplicaSets.statusSum(all, "readyReplicas"));
    putCount(status, "availableReplicas", available);
    putCount(status, "unavailableReplicas", unavailable);
    JsonNode conds = d.path("status").path("conditions");
    if (conds.isArray() && !conds.isEmpty()) {
      status.set("conditions", conds.deepCopy());
    }
    Long collisions = Deployments.collisionCount(d);
    if (collisions != null) {
      status.put("collisionCount", collisions);
    }
    Instant now = clock.now();
    if (available >= replicas(d) - Deployments.maxUnavailable(d)) {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.AVAILABLE,
              "True",
              "MinimumReplicasAvailable",
              "Deployment has minimum availability.",
              now));
    } else {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.AVAILABLE,
              "False",
              "MinimumReplicasUnavailable",
              "Deployment does not have minimum availability.",
              now));
    }
    return status;
  }

  private static void putCount(ObjectNode status, String field, long value) {
    if (value != 0) {
      status.put(field, value);
    }
  }

  /** Writes the computed status when it differs (the scaling path and the deleting path). */
  void syncDeploymentStatus(List<ObjectNode> all, ObjectNode newRS, ObjectNode d) {
    ObjectNode status = calculateStatus(all, newRS, d);
    if (!sameJson(status, d.path("status"))) {
      writeDeployment(d, false, status);
    }
  }

  /**
   * The rollout paths' status sync: counts, Available, Progressing (complete, progressing or timed
   * out), ReplicaFailure copied from the ReplicaSets; when nothing changes, requeues a stuck
   * rollout for its deadline.
   */
  void syncRolloutStatus(List<ObjectNode> all, ObjectNode newRS, ObjectNode d) {
    ObjectNode status = calculateStatus(all, newRS, d);
    if (!Deployments.hasProgressDeadline(d)) {
      Deployments.removeCondition(status, Deployments.PROGRESSING);
    }
    ObjectNode current = Deployments.condition(d.path("status"), Deployments.PROGRESSING);
    boolean complete =
        status.path("replicas").asLong(0) == status.path("updatedReplicas").asLong(0)
            && current != null
            && current.path("reason").asString("").equals(Deployments.NEW_RS_AVAILABLE);
    if (Deployments.hasProgressDeadline(d) && !complete) {
      evaluateProgress(d, newRS, status, current);
    }
    ObjectNode failure = replicaFailure(all, newRS);
    if (failure != null) {
      Deployments.setCondition(status, failure);
    } else {
      Deployments.removeCondition(status, Deployments.REPLICA_FAILURE);
    }
    if (sameJson(status, d.path("status"))) {
      requeueStuckDeployment(d, status);
      return;
    }
    writeDeployment(d, false, status);
  }

  private void evaluateProgress(ObjectNode d, ObjectNode newRS, ObjectNode status, ObjectNode cur) {
    Instant now = clock.now();
    String subject =
        newRS != null ? "ReplicaSet \"" + name(newRS) + "\"" : "Deployment \"" + name(d) + "\"";
    if (Deployments.isComplete(d, status)) {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING,
              "True",
              Deployments.NEW_RS_AVAILABLE,
              subject + " has successfully progressed.",
              now));
    } else if (Deployments.isProgressing(d, status)) {
      ObjectNode c =
          Deployments.newCondition(
              Deployments.PROGRESSING,
              "True",
              "ReplicaSetUpdated",
              subject + " is progressing.",
              now);
      // Unlike other conditions, progress refreshes lastUpdateTime even with the same reason.
      if (cur != null) {
        if (cur.path("status").asString("").equals("True")) {
          c.set("lastTransitionTime", cur.get("lastTransitionTime"));
        }
        Deployments.removeCondition(status, Deployments.PROGRESSING);
      }
      Deployments.setCondition(status, c);
    } else if (Deployments.isTimedOut(d, status, now)) {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING,
              "False",
              Deployments.TIMED_OUT,
              subject + " has timed out progressing.",
              now));
    }
  }

  /** The new ReplicaSet's ReplicaFailure condition, else any old one's, as a Deployment one. */
  private static ObjectNode replicaFailure(List<ObjectNode> all, ObjectNode newRS) {
    List<ObjectNode> order = new ArrayList<>();
    if (newRS != null) {
      order.add(newRS);
    }
    order.addAll(all);
    for (ObjectNode rs : order) {
      ObjectNode c = Deployments.condition(rs.path("status"), Deployments.REPLICA_FAILURE);
      if (c != null && c.path("status").asString("").equals("True")) {
        ObjectNode out = Json.object();
        out.put("type", Deployments.REPLICA_FAILURE);
        out.put("status", "True");
        JsonNode t = c.get("lastTransitionTime");
        out.set("lastUpdateTime", t);
        out.set("lastTransitionTime", t);
        out.put("reason", c.path("reason").asString(""));
        out.put("message", c.path("message").asString(""));
        return out;
      }
    }
    return null;
  }

  /**
   * Requeues a rollout that is neither complete nor timed out for the moment its deadline passes
   * ({@code lastUpdateTime + deadline - now}, plus a second); under a second: rate-limited now.
   */
  private void requeueStuckDeployment(ObjectNode d, ObjectNode status) {
    ObjectNode current = Deployments.condition(d.path("status"), Deployments.PROGRESSING);
    if (!Deployments.hasProgressDeadline(d) || current == null) {
      return;
    }
    if (Deployments.isComplete(d, status)
        || current.path("reason").asString("").equals(Deployments.TIMED_OUT)) {
      return;
    }
    Instant last = Json.parseTime(current.get("lastUpdateTime"));
    if (last == null) {
      return;
    }
    Duration after =
        Duration.between(clock.now(), last.plusSeconds(Deployments.progressDeadline(d)));
    String key = namespace(d) + "/" + name(d);
    if (after.compareTo(Duration.ofSeconds(1)) < 0) {
      requeue.rateLimited(key);
    } else {
      requeue.after(key, after.plusSeconds(1));
    }
  }

  /**
   * Paused/resumed bookkeeping (§1.7): Progressing=Unknown DeploymentPaused when paused,
   * DeploymentResumed when resumed; never overwrites a timed-out condition.
   */
  void checkPausedConditions(ObjectNode d) {
    if (!Deployments.hasProgressDeadline(d)) {
      return;
    }
    ObjectNode cond = Deployments.condition(d.path("status"), Deployments.PROGRESSING);
    String reason = cond == null ? "" : cond.path("reason").asString("");
    if (reason.equals(Deployments.TIMED_OUT)) {
      return;
    }
    boolean pausedCond = reason.equals(Deployments.PAUSED);
    ObjectNode status = statusCopy(d);
    Instant now = clock.now();
    if (Deployments.isPaused(d) && !pausedCond) {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING, "Unknown", Deployments.PAUSED, "Deployment is paused", now));
    } else if (!Deployments.isPaused(d) && pausedCond) {
      Deployments.setCondition(
          status,
          Deployments.newCondition(
              Deployments.PROGRESSING,
              "Unknown",
              Deployments.RESUMED,
              "Deployment is resumed",
              now));
    } else {
      return;
    }
    writeDeployment(d, false, status);
  }

  // ---- Deployment writes ------------------------------------------------------------------

  /**
   * JSON equality that ignores how numbers are held (a computed {@code long} against a decoded
   * {@code int}), so an unchanged status is recognised and not rewritten forever.
   */
  static boolean sameJson(JsonNode a, JsonNode b) {
    if (!a.isObject() || !b.isObject()) {
      return a.equals(b);
    }
    return Json.MAPPER.readTree(a.toString()).equals(Json.MAPPER.readTree(b.toString()));
  }

  static ObjectNode statusCopy(ObjectNode d) {
    JsonNode s = d.path("status");
    return s.isObject() ? ((ObjectNode) s).deepCopy() : Json.object();
  }

  /**
   * Persists the revision annotation (when {@code annotate}) and {@code status} (when non-null),
   * then refreshes {@code d} with what was stored. A Deployment gone meanwhile is ignored.
   */
  void writeDeployment(ObjectNode d, boolean annotate, ObjectNode status) {
    try {
      if (annotate) {
        String revision = ReplicaSets.annotation(d, REVISION);
        ObjectNode stored =
            objects.update(
                deployType,
                namespace(d),
                name(d),
                null,
                o -> {
                  checkUnchanged(o, d);
                  Json.with(Json.metadata(o), "annotations").put(REVISION, revision);
                  return o;
                },
                manager);
        keepStatus(d, stored);
      }
      if (status != null) {
        ObjectNode stored =
            objects.update(
                deployType,
                namespace(d),
                name(d),
                "status",
                o -> {
                  checkUnchanged(o, d);
                  o.set("status", status.deepCopy());
                  return o;
                },
                manager);
        ReplicaSets.refresh(d, stored);
      }
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  /**
   * Optimistic concurrency for Deployment writes: the stored object must be the version this sync
   * read (or last wrote), else a stale cache would overwrite newer status.
   *
   * @throws ApiException 409, so the worker retries with a fresh cache
   */
  private void checkUnchanged(ObjectNode stored, ObjectNode d) {
    String rv = Json.at(d, "metadata", "resourceVersion").asString("");
    if (!uid(stored).equals(uid(d))
        || !Json.at(stored, "metadata", "resourceVersion").asString("").equals(rv)) {
      throw ApiException.modified(deployType, name(d));
    }
  }

  /** Refreshes {@code d} from {@code stored} but keeps the status this sync computed so far. */
  private static void keepStatus(ObjectNode d, ObjectNode stored) {
    JsonNode status = d.get("status");
    ReplicaSets.refresh(d, stored);
    if (status != null) {
      d.set("status", status);
    }
  }
}
