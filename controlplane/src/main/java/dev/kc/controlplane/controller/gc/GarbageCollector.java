package dev.kc.controlplane.controller.gc;

import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.controller.Controller;
import dev.kc.controlplane.events.EventRecorder;
import dev.kc.controlplane.informer.Informer;
import dev.kc.controlplane.informer.Informers;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' garbage collector: deletes objects whose owners are all gone, finishes foreground
 * deletions ({@code foregroundDeletion} finalizer: dependents first) and orphaning deletions
 * ({@code orphan} finalizer: owner references stripped from dependents), for every kind the API
 * serves.
 *
 * <p>It watches every kind through the shared informers and indexes objects by uid and by the uid
 * of every owner they reference. The caches only tell it which objects to look at: before acting,
 * it reads the object and each of its owners from the store, as Kubernetes' collector reads owners
 * from the API, so a lagging cache can delay collection but never cause it.
 *
 * <p>Work items are objects ({@code resource|namespace|name|uid}); one sync looks at the object as
 * stored and takes one step: orphan its dependents, finish its foreground deletion, or delete it
 * (or drop references to vanished owners) if it is garbage.
 */
public final class GarbageCollector extends Controller {
  /** The component name, as field manager. */
  public static final String NAME = "garbagecollector";

  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private static final String BY_UID = "gc-uid";
  private static final String BY_ANY_OWNER = "gc-owner";

  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

  private final ObjectService objects;
  private final Map<String, Watched> watched = new LinkedHashMap<>();

  /** One watched kind. */
  private record Watched(ResourceType type, Informer informer) {}

  /** An object as a work item. */
  record Identity(String resource, String namespace, String name, String uid) {
    String key() {
      return resource + "|" + namespace + "|" + name + "|" + uid;
    }

    static Identity parse(String key) {
      String[] p = key.split("\\|", -1);
      return new Identity(p[0], p[1], p[2], p[3]);
    }
  }

  /** What a dependent's reference finds. */
  private enum OwnerState {
    /** Exists and is not waiting for its dependents. */
    SOLID,
    /** Gone, or replaced by an object with another uid. */
    ABSENT,
    /** Being deleted in the foreground: waiting for its dependents to go. */
    WAITING
  }

  /**
   * Registers indexes and handlers on an informer for every served kind except Events, which never
   * own anything and are far too many to index; call {@link #start()} after the informers have
   * started.
   */
  public GarbageCollector(
      Informers informers, ObjectService objects, EventRecorder events, Clock clock) {
    super(NAME, 4, clock);
    this.objects = objects;
    for (ResourceType type : objects.registry().types()) {
      if (type.kind().equals("Event")) {
        continue;
      }
      Informer informer = informers.forKind(type.apiVersion(type.storageVersion()), type.kind());
      informer.addIndex(BY_UID, o -> List.of(uid(o)));
      informer.addIndex(BY_ANY_OWNER, GarbageCollector::ownerUids);
      informer.addHandler(new Handler(type));
      watched.put(type.storageResource(), new Watched(type, informer));
    }
  }

  // ---- event handlers: they only enqueue work items ------------------------------------------

  private final class Handler implements Informer.Handler {
    private final ResourceType type;

    Handler(ResourceType type) {
      this.type = type;
    }

    @Override
    public void onAdd(ObjectNode obj) {
      if (isDeleting(obj) && (hasFinalizer(obj, ORPHAN) || hasFinalizer(obj, FOREGROUND))) {
        enqueue(type, obj);
      }
      if (isWaitingForDependents(obj)) {
        enqueueDependents(uid(obj));
      }
      if (mayBeGarbage(obj)) {
        enqueue(type, obj);
      }
    }

    @Override
    public void onUpdate(ObjectNode old, ObjectNode obj) {
      boolean finalizing = hasFinalizer(obj, ORPHAN) || hasFinalizer(obj, FOREGROUND);
      if (isDeleting(obj)
          && finalizing
          && (!isDeleting(old) || !finalizers(old).equals(finalizers(obj)))) {
        enqueue(type, obj);
      }
      if (isWaitingForDependents(obj) && !isWaitingForDependents(old)) {
        enqueueDependents(uid(obj));
      }
      JsonNode oldRefs = Json.at(old, "metadata", "ownerReferences");
      JsonNode refs = Json.at(obj, "metadata", "ownerReferences");
      if (!oldRefs.equals(refs)) {
        // An owner this object no longer blocks may be waiting for it.
        Set<String> kept = new HashSet<>(ownerUids(obj));
        for (String owner : ownerUids(old)) {
          if (!kept.contains(owner)) {
            enqueueCached(owner);
          }
        }
        if (mayBeGarbage(obj)) {
          enqueue(type, obj);
        }
      }
    }

    @Override
    public void onDelete(ObjectNode obj) {
      enqueueDependents(uid(obj));
      for (String owner : ownerUids(obj)) {
        enqueueCached(owner);
      }
    }
  }

  /**
   * Whether the cache suggests the object has an owner that is gone or deleting its dependents.
   * Only a hint: the sync decides from the store.
   */
  private boolean mayBeGarbage(ObjectNode obj) {
    for (String owner : ownerUids(obj)) {
      Cached c = findCached(owner);
      if (c == null || isWaitingForDependents(c.obj())) {
        return true;
      }
    }
    return false;
  }

  private record Cached(ResourceType type, ObjectNode obj) {}

  private Cached findCached(String uid) {
    for (Watched w : watched.values()) {
      for (ObjectNode o : w.informer().byIndex(BY_UID, uid)) {
        return new Cached(w.type(), o);
      }
    }
    return null;
  }

  private void enqueueCached(String uid) {
    Cached c = findCached(uid);
    if (c != null) {
      enqueue(c.type(), c.obj());
    }
  }

  private void enqueueDependents(String ownerUid) {
    for (Watched w : watched.values()) {
      for (ObjectNode dep : w.informer().byIndex(BY_ANY_OWNER, ownerUid)) {
        enqueue(w.type(), dep);
      }
    }
  }

  private void enqueue(ResourceType type, ObjectNode obj) {
    enqueue(identity(type, obj).key());
  }

  private static Identity identity(ResourceType type, ObjectNode obj) {
    return new Identity(
        type.storageResource(),
        Json.at(obj, "metadata", "namespace").asString(""),
        Json.at(obj, "metadata", "name").asString(""),
        uid(obj));
  }

  // ---- the reconcile ----------------------------------------------------------------------

  /**
   * Takes one step for one object, judged from the store:
   *
   * <ol>
   *   <li>gone or replaced: nothing to do (its dependents were queued when it went);
   *   <li>being deleted with the {@code orphan} finalizer: strip its references from every
   *       dependent, then remove the finalizer;
   *   <li>being deleted with {@code foregroundDeletion}: remove the finalizer once no dependent
   *       that blocks owner deletion remains, else queue those dependents;
   *   <li>otherwise, if it has owners: delete it when none is solid (in the foreground when an
   *       owner waits for it and it has dependents of its own), or drop the references to owners
   *       that are gone or waiting when another owner is solid.
   * </ol>
   *
   * <p>Idempotent.
   *
   * @throws ApiException when a write fails (retried with back-off)
   */
  @Override
  protected void sync(String key) {
    Identity id = Identity.parse(key);
    Watched w = watched.get(id.resource());
    if (w == null) {
      return;
    }
    ObjectNode latest = read(w.type(), id.namespace(), id.name());
    if (latest == null || !uid(latest).equals(id.uid())) {
      return;
    }
    if (isDeleting(latest)) {
      if (hasFinalizer(latest, ORPHAN)) {
        orphanDependents(w.type(), latest);
      } else if (hasFinalizer(latest, FOREGROUND)) {
        finishForegroundDeletion(w.type(), latest);
      }
      return;
    }
    attemptToDelete(w.type(), latest);
  }

  private void orphanDependents(ResourceType type, ObjectNode owner) {
    String ownerUid = uid(owner);
    for (Watched w : watched.values()) {
      for (ObjectNode dep : w.informer().byIndex(BY_ANY_OWNER, ownerUid)) {
        removeOwnerReferences(w.type(), dep, Set.of(ownerUid));
      }
    }
    log.debug("orphaned the dependents of {}; removing its orphan finalizer", name(owner));
    removeFinalizer(type, owner, ORPHAN);
  }

  private void finishForegroundDeletion(ResourceType type, ObjectNode owner) {
    String ownerUid = uid(owner);
    List<Cached> blocking = new ArrayList<>();
    for (Watched w : watched.values()) {
      for (ObjectNode dep : w.informer().byIndex(BY_ANY_OWNER, ownerUid)) {
        if (blocksOwnerDeletion(dep, ownerUid)) {
          blocking.add(new Cached(w.type(), dep));
        }
      }
    }
    if (blocking.isEmpty()) {
      log.debug(
          "no dependents left for {}; removing its foregroundDeletion finalizer", name(owner));
      removeFinalizer(type, owner, FOREGROUND);
      return;
    }
    for (Cached dep : blocking) {
      if (!isWaitingForDependents(dep.obj())) {
        enqueue(dep.type(), dep.obj());
      }
    }
  }

  private void attemptToDelete(ResourceType type, ObjectNode item) {
    List<String> solid = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    for (JsonNode ref : Json.at(item, "metadata", "ownerReferences")) {
      String ownerUid = ref.path("uid").asString("");
      switch (ownerState(ref, item, type)) {
        case SOLID -> solid.add(ownerUid);
        case ABSENT -> absent.add(ownerUid);
        case WAITING -> waiting.add(ownerUid);
      }
    }
    if (solid.isEmpty() && absent.isEmpty() && waiting.isEmpty()) {
      return;
    }
    if (!solid.isEmpty()) {
      if (!absent.isEmpty() || !waiting.isEmpty()) {
        Set<String> drop = new HashSet<>(absent);
        drop.addAll(waiting);
        removeOwnerReferences(type, item, drop);
      }
      return;
    }
    String policy;
    // TODO: Kubernetes breaks ownership cycles between foreground deletions by making the
    // references non-blocking first; here such a cycle waits forever.
    if (!waiting.isEmpty() && hasDependents(uid(item))) {
      // An owner waits for this object, and it has dependents of its own: they go first too.
      policy = "Foreground";
    } else if (hasFinalizer(item, ORPHAN)) {
      policy = "Orphan";
    } else if (hasFinalizer(item, FOREGROUND)) {
      policy = "Foreground";
    } else {
      policy = "Background";
    }
    log.debug("deleting {} {} ({}): none of its owners remains", type.kind(), name(item), policy);
    delete(type, item, policy);
  }

  /**
   * Looks the owner up in the store. A reference to a kind the API does not serve, or from a
   * cluster-scoped object to a namespaced kind, can never be resolved; Kubernetes does not collect
   * such objects, so it counts as solid.
   */
  private OwnerState ownerState(JsonNode ref, ObjectNode dependent, ResourceType dependentType) {
    ResourceType ownerType =
        objects
            .registry()
            .byKind(ref.path("apiVersion").asString(""), ref.path("kind").asString(""))
            .orElse(null);
    if (ownerType == null || (ownerType.namespaced() && !dependentType.namespaced())) {
      return OwnerState.SOLID;
    }
    String ns =
        ownerType.namespaced() ? Json.at(dependent, "metadata", "namespace").asString("") : "";
    ObjectNode owner = read(ownerType, ns, ref.path("name").asString(""));
    if (owner == null || !uid(owner).equals(ref.path("uid").asString(""))) {
      return OwnerState.ABSENT;
    }
    return isWaitingForDependents(owner) ? OwnerState.WAITING : OwnerState.SOLID;
  }

  private boolean hasDependents(String uid) {
    for (Watched w : watched.values()) {
      if (!w.informer().byIndex(BY_ANY_OWNER, uid).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  // ---- writes -------------------------------------------------------------------------------

  private void delete(ResourceType type, ObjectNode item, String policy) {
    try {
      objects.delete(
          type,
          type.storageVersion(),
          namespace(item),
          name(item),
          new DeleteOptions(policy, null, uid(item), null, false));
    } catch (ApiException e) {
      // Gone already, or replaced by a new object with the same name (the uid precondition).
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  private void removeOwnerReferences(ResourceType type, ObjectNode dep, Set<String> ownerUids) {
    String depUid = uid(dep);
    update(
        type,
        dep,
        obj -> {
          if (!uid(obj).equals(depUid)) {
            return obj;
          }
          ObjectNode meta = Json.metadata(obj);
          if (meta.get("ownerReferences") instanceof ArrayNode refs) {
            Iterator<JsonNode> it = refs.iterator();
            while (it.hasNext()) {
              if (ownerUids.contains(it.next().path("uid").asString(""))) {
                it.remove();
              }
            }
            if (refs.isEmpty()) {
              meta.remove("ownerReferences");
            }
          }
          return obj;
        });
  }

  private void removeFinalizer(ResourceType type, ObjectNode owner, String finalizer) {
    String ownerUid = uid(owner);
    update(
        type,
        owner,
        obj -> {
          if (!uid(obj).equals(ownerUid)) {
            return obj;
          }
          ObjectNode meta = Json.metadata(obj);
          if (meta.get("finalizers") instanceof ArrayNode list) {
            Iterator<JsonNode> it = list.iterator();
            while (it.hasNext()) {
              if (it.next().asString("").equals(finalizer)) {
                it.remove();
              }
            }
            if (list.isEmpty()) {
              meta.remove("finalizers");
            }
          }
          return obj;
        });
  }

  private void update(
      ResourceType type, ObjectNode obj, java.util.function.UnaryOperator<ObjectNode> mutation) {
    try {
      objects.update(type, namespace(obj), name(obj), null, mutation, NAME);
    } catch (ApiException e) {
      if (e.code() != 404) {
        throw e;
      }
    }
  }

  private ObjectNode read(ResourceType type, String namespace, String name) {
    try {
      return objects.get(type, type.storageVersion(), namespace, name);
    } catch (ApiException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
  }

  // ---- object facts -------------------------------------------------------------------------

  /** The uids of every owner an object references (not only its controller). */
  static List<String> ownerUids(ObjectNode obj) {
    List<String> out = new ArrayList<>();
    for (JsonNode ref : Json.at(obj, "metadata", "ownerReferences")) {
      String uid = ref.path("uid").asString("");
      if (!uid.isEmpty() && !out.contains(uid)) {
        out.add(uid);
      }
    }
    return out;
  }

  private static boolean blocksOwnerDeletion(ObjectNode dep, String ownerUid) {
    for (JsonNode ref : Json.at(dep, "metadata", "ownerReferences")) {
      if (ref.path("uid").asString("").equals(ownerUid)
          && ref.path("blockOwnerDeletion").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWaitingForDependents(ObjectNode obj) {
    return isDeleting(obj) && hasFinalizer(obj, FOREGROUND);
  }

  private static boolean isDeleting(ObjectNode obj) {
    return !Json.at(obj, "metadata", "deletionTimestamp").isMissingNode();
  }

  private static JsonNode finalizers(ObjectNode obj) {
    return Json.at(obj, "metadata", "finalizers");
  }

  private static boolean hasFinalizer(ObjectNode obj, String finalizer) {
    for (JsonNode f : finalizers(obj)) {
      if (Objects.equals(f.asString(""), finalizer)) {
        return true;
      }
    }
    return false;
  }

  private static String uid(ObjectNode obj) {
    return Json.at(obj, "metadata", "uid").asString("");
  }

  private static String name(ObjectNode obj) {
    return Json.at(obj, "metadata", "name").asString("");
  }

  private static String namespace(ObjectNode obj) {
    return Json.at(obj, "metadata", "namespace").asString("");
  }
}
