package dev.kc.controlplane.objects;

import dev.kc.controlplane.admission.Admission;
import dev.kc.controlplane.admission.DecodeException;
import dev.kc.controlplane.admission.FieldError;
import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.AlreadyExistsException;
import dev.kc.store.ConflictException;
import dev.kc.store.Entry;
import dev.kc.store.ExpiredException;
import dev.kc.store.Key;
import dev.kc.store.ListResult;
import dev.kc.store.NotFoundException;
import dev.kc.store.Store;
import dev.kc.store.Watch;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's object semantics on top of the store: server-owned metadata, admission, versions,
 * preconditions, patches, graceful deletion and finalizers.
 *
 * <p>The REST handlers and the in-process controllers both go through this class, so every write is
 * defaulted and validated the same way. Objects returned are fresh copies the caller may keep;
 * objects passed in are owned by the service afterwards.
 */
public final class ObjectService {
  /** Kubernetes' alphabet for generated name suffixes: no vowels, no confusable characters. */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final int MAX_UPDATE_ATTEMPTS = 8;

  private final Store store;
  private final Registry registry;
  private final Admission admission;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ResourceType namespaces;

  public ObjectService(Store store, Registry registry, Admission admission, Clock clock) {
    this.store = store;
    this.registry = registry;
    this.admission = admission;
    this.clock = clock;
    this.namespaces = registry.byResource("", "v1", "namespaces").orElseThrow();
  }

  public Registry registry() {
    return registry;
  }

  public Clock clock() {
    return clock;
  }

  public Store store() {
    return store;
  }

  private static Key key(ResourceType type, String namespace, String name) {
    return new Key(type.storageResource(), type.namespaced() ? namespace : "", name);
  }

  // ---- reads ------------------------------------------------------------------------------

  /**
   * The stored entry of an object.
   *
   * @throws ApiException 404 when it does not exist
   */
  public Entry getEntry(ResourceType type, String namespace, String name) {
    return store
        .get(key(type, namespace, name))
        .orElseThrow(() -> ApiException.notFound(type, name));
  }

  /** An object in {@code version}, as a copy the caller may modify. */
  public ObjectNode get(ResourceType type, String version, String namespace, String name) {
    Entry e = getEntry(type, namespace, name);
    return Conversion.fromStorage(type, version, Json.decode(e.value()));
  }

  /** Converts a stored object to a served version; returns the same node when nothing changes. */
  public ObjectNode toVersion(ResourceType type, String version, ObjectNode stored) {
    return Conversion.fromStorage(type, version, stored);
  }

  /** Lists stored entries (storage version) matching the selectors, in key order. */
  public ListResult list(ResourceType type, String namespace, Selectors selectors) {
    return store.list(
        type.storageResource(), type.namespaced() ? namespace : null, selectors.asFilter());
  }

  /**
   * Watches changes after {@code fromRevision}.
   *
   * @throws ApiException 410 when that revision has been compacted
   */
  public Watch watch(ResourceType type, String namespace, long fromRevision, Selectors selectors) {
    try {
      return store.watch(
          type.storageResource(),
          type.namespaced() ? namespace : null,
          fromRevision,
          selectors.asFilter());
    } catch (ExpiredException e) {
      throw ApiException.expired(
          "too old resource version: " + e.requested() + " (" + e.oldestRetained() + ")");
    }
  }

  // ---- create -----------------------------------------------------------------------------

  /**
   * Creates an object sent in {@code version}.
   *
   * @throws ApiException 400 for a malformed or mismatched body, 404 for a missing namespace, 409
   *     when it exists, 422 when invalid
   */
  public Result create(
      ResourceType type, String version, String namespace, ObjectNode body, WriteOptions opts) {
    List<String> warnings = new ArrayList<>();
    checkTypeMeta(type, version, body);
    ObjectNode meta = Json.metadata(body);
    checkNamespace(type, namespace, meta);
    decodeCheck(type, version, body, opts, warnings);
    ObjectNode obj = Conversion.toStorage(type, version, body);
    meta = Json.metadata(obj);
    String name = Json.text(meta, "name");
    String generateName = Json.text(meta, "generateName");
    if (name.isEmpty() && !generateName.isEmpty()) {
      name = generateName + suffix();
      meta.put("name", name);
    }
    prepareCreate(type, obj);
    admit(type, obj, null, name);
    if (type.namespaced()) {
      requireActiveNamespace(namespace);
    }
    if (opts.dryRun()) {
      return new Result(Conversion.fromStorage(type, version, obj), true, warnings);
    }
    ObjectNode finalMeta = meta;
    try {
      store.create(key(type, namespace, name), rev -> encodeAt(obj, finalMeta, rev));
    } catch (AlreadyExistsException e) {
      throw ApiException.alreadyExists(type, name);
    }
    return new Result(Conversion.fromStorage(type, version, obj), true, warnings);
  }

  private static byte[] encodeAt(ObjectNode obj, ObjectNode meta, long rev) {
    meta.put("resourceVersion", Long.toString(rev));
    return Json.encode(obj);
  }

  private String suffix() {
    StringBuilder sb = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      sb.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return sb.toString();
  }

  private void checkTypeMeta(ResourceType type, String version, ObjectNode body) {
    String expected = type.apiVersion(version);
    String apiVersion = Json.text(body, "apiVersion");
    String kind = Json.text(body, "kind");
    if (!apiVersion.isEmpty() && !apiVersion.equals(expected)) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API"
              + " version ("
              + expected
              + ")");
    }
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw ApiException.badRequest(
          "the kind in the data ("
              + kind
              + ") does not match the expected kind ("
              + type.kind()
              + ")");
    }
    body.put("apiVersion", expected);
    body.put("kind", type.kind());
    // Keep apiVersion and kind first, as Kubernetes writes them.
    reorderFirst(body, "apiVersion", "kind");
  }

  private static void reorderFirst(ObjectNode node, String... fields) {
    ObjectNode rest = node.deepCopy();
    node.removeAll();
    for (String f : fields) {
      if (rest.has(f)) {
        node.set(f, rest.remove(f));
      }
    }
    node.setAll(rest);
  }

  private static void checkNamespace(ResourceType type, String namespace, ObjectNode meta) {
    if (!type.namespaced()) {
      meta.remove("namespace");
      return;
    }
    String inBody = Json.text(meta, "namespace");
    if (!inBody.isEmpty() && !inBody.equals(namespace)) {
      throw ApiException.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request");
    }
    meta.put("namespace", namespace);
  }

  /** Type-checks the body and handles unknown fields as {@code fieldValidation} says. */
  private void decodeCheck(
      ResourceType type,
      String version,
      ObjectNode body,
      WriteOptions opts,
      List<String> warnings) {
    if (opts.trusted()) {
      return;
    }
    List<String> unknown;
    try {
      unknown = admission.check(type.apiVersion(version), type.kind(), body);
    } catch (DecodeException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (unknown.isEmpty()) {
      return;
    }
    if (opts.fieldValidation() == WriteOptions.FieldValidation.STRICT) {
      throw ApiException.badRequest(
          Admission.strictDecodingMessage(type.kind(), type.apiVersion(version), unknown));
    }
    for (String f : unknown) {
      if (opts.fieldValidation() == WriteOptions.FieldValidation.WARN) {
        warnings.add(Admission.unknownFieldWarning(f));
      }
      FieldPaths.remove(body, f);
    }
  }

  private void prepareCreate(ResourceType type, ObjectNode obj) {
    ObjectNode meta = Json.metadata(obj);
    Instant now = clock.now();
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Json.timestamp(now));
    meta.remove("resourceVersion");
    meta.remove("deletionTimestamp");
    meta.remove("deletionGracePeriodSeconds");
    meta.remove("selfLink");
    meta.remove("managedFields");
    if (type.hasGeneration()) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    ObjectStatus.resetOnCreate(type, obj);
  }

  private void admit(ResourceType type, ObjectNode obj, ObjectNode old, String name) {
    String apiVersion = type.apiVersion(type.storageVersion());
    admission.applyDefaults(apiVersion, type.kind(), obj);
    if (old != null) {
      admission.prepareForUpdate(apiVersion, type.kind(), obj, old);
    }
    List<FieldError> errors = admission.validate(apiVersion, type.kind(), obj, old);
    if (!errors.isEmpty()) {
      List<ApiException.Cause> causes = new ArrayList<>();
      for (FieldError fe : errors) {
        causes.add(new ApiException.Cause(fe.reason(), fe.message(), fe.field()));
      }
      throw ApiException.invalid(
          type, name, Admission.invalidMessage(type.kind(), type.group(), name, errors), causes);
    }
  }

  private void requireActiveNamespace(String namespace) {
    Entry ns =
        store
            .get(Key.cluster(namespaces.storageResource(), namespace))
            .orElseThrow(() -> ApiException.notFound(namespaces, namespace));
    JsonNode phase = Json.at(Json.decode(ns.value()), "status", "phase");
    if (phase.asString("").equals("Terminating")) {
      throw ApiException.forbidden(
          namespaces,
          namespace,
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated");
    }
  }

  // ---- update and patch -------------------------------------------------------------------

  /**
   * Replaces an object (or its {@code status}) with a body sent in {@code version}. A {@code
   * metadata.resourceVersion} in the body is a precondition.
   */
  public Result update(
      ResourceType type,
      String version,
      String namespace,
      String name,
      String subresource,
      ObjectNode body,
      WriteOptions opts) {
    List<String> warnings = new ArrayList<>();
    checkTypeMeta(type, version, body);
    ObjectNode meta = Json.metadata(body);
    checkNamespace(type, namespace, meta);
    String bodyName = Json.text(meta, "name");
    if (!bodyName.isEmpty() && !bodyName.equals(name)) {
      throw ApiException.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + name
              + ")");
    }
    meta.put("name", name);
    decodeCheck(type, version, body, opts, warnings);
    long precondition = parseResourceVersion(Json.text(meta, "resourceVersion"));
    ObjectNode desired = Conversion.toStorage(type, version, body);
    ObjectNode stored =
        write(type, namespace, name, subresource, precondition, old -> desired, opts);
    return new Result(Conversion.fromStorage(type, version, stored), false, warnings);
  }

  /**
   * Patches an object (or its {@code status}); the patch is applied to the object as seen in {@code
   * version}. Retries on conflicting concurrent writes, as Kubernetes does.
   */
  public Result patch(
      ResourceType type,
      String version,
      String namespace,
      String name,
      String subresource,
      String contentType,
      byte[] body,
      WriteOptions opts) {
    String patchType = Patches.patchType(contentType);
    if (patchType == null || patchType.equals(Patches.APPLY_PATCH)) {
      throw ApiException.unsupportedMediaType(contentType);
    }
    List<String> warnings = new ArrayList<>();
    UnaryOperator<ObjectNode> mutation =
        old -> {
          ObjectNode inVersion = Conversion.fromStorage(type, version, old);
          ObjectNode patched = Patches.apply(type, patchType, inVersion, body, name);
          checkTypeMeta(type, version, patched);
          List<String> w = new ArrayList<>();
          decodeCheck(type, version, patched, opts, w);
          warnings.clear();
          warnings.addAll(w);
          return Conversion.toStorage(type, version, patched);
        };
    ObjectNode stored = write(type, namespace, name, subresource, 0, mutation, opts);
    return new Result(Conversion.fromStorage(type, version, stored), false, warnings);
  }

  /**
   * Updates an object in place from code inside the control plane: {@code mutation} receives a copy
   * of the stored object and returns the desired one. Retried on conflicts.
   *
   * @return the stored object
   */
  public ObjectNode update(
      ResourceType type,
      String namespace,
      String name,
      String subresource,
      UnaryOperator<ObjectNode> mutation,
      String manager) {
    return write(type, namespace, name, subresource, 0, mutation, WriteOptions.internal(manager));
  }

  private ObjectNode write(
      ResourceType type,
      String namespace,
      String name,
      String subresource,
      long precondition,
      UnaryOperator<ObjectNode> mutation,
      WriteOptions opts) {
    Key key = key(type, namespace, name);
    for (int attempt = 1; ; attempt++) {
      Entry current = store.get(key).orElseThrow(() -> ApiException.notFound(type, name));
      if (precondition != 0 && precondition != current.revision()) {
        throw ApiException.modified(type, name);
      }
      ObjectNode old = Json.decode(current.value());
      ObjectNode obj = mutation.apply(old.deepCopy());
      prepareUpdate(type, old, obj, subresource);
      if (!"status".equals(subresource)) {
        admit(type, obj, old, name);
      }
      if (ObjectStatus.sameIgnoringVersion(old, obj)) {
        return old;
      }
      if (opts.dryRun()) {
        return obj;
      }
      try {
        // The last finalizer of an object marked for deletion is gone: it goes now. A pod still
        // in its grace period stays until its kubelet deletes it.
        if (isDeleting(obj)
            && finalizers(obj).isEmpty()
            && Json.at(obj, "metadata", "deletionGracePeriodSeconds").asLong(0) == 0) {
          Entry gone = store.delete(key, current.revision(), null);
          return Json.decode(gone.value());
        }
        ObjectNode meta = Json.metadata(obj);
        store.update(key, current.revision(), rev -> encodeAt(obj, meta, rev));
        return obj;
      } catch (ConflictException e) {
        if (precondition != 0 || attempt >= MAX_UPDATE_ATTEMPTS) {
          throw ApiException.modified(type, name);
        }
      } catch (NotFoundException e) {
        throw ApiException.notFound(type, name);
      }
    }
  }

  /**
   * Binds a pod to a node, as the {@code pods/binding} subresource does: sets {@code spec.nodeName}
   * and the condition {@code PodScheduled=True} in one write. Pod-update validation, which forbids
   * changing {@code nodeName}, does not apply to a binding.
   *
   * @param uid the uid of the pod the caller decided about; a recreated pod is not bound
   * @return the stored pod
   * @throws ApiException 404 when the pod (with that uid) is gone; 409 when it is already assigned
   *     to a node or is being deleted
   */
  public ObjectNode bind(
      ResourceType pods, String namespace, String name, String uid, String node, String manager) {
    Key key = key(pods, namespace, name);
    for (int attempt = 1; ; attempt++) {
      Entry current = store.get(key).orElseThrow(() -> ApiException.notFound(pods, name));
      ObjectNode pod = Json.decode(current.value());
      ObjectNode meta = Json.metadata(pod);
      if (!Json.text(meta, "uid").equals(uid)) {
        throw ApiException.notFound(pods, name);
      }
      String bound = Json.text(pod.path("spec"), "nodeName");
      if (!bound.isEmpty()) {
        throw ApiException.conflict(
            pods, name, "pod " + name + " is already assigned to node \"" + bound + "\"");
      }
      if (isDeleting(pod)) {
        throw ApiException.conflict(
            pods, name, "pod " + name + " is being deleted, cannot be assigned to a host");
      }
      Json.with(pod, "spec").put("nodeName", node);
      setScheduledCondition(pod, clock.now());
      meta.remove("resourceVersion");
      try {
        store.update(key, current.revision(), rev -> encodeAt(pod, meta, rev));
        return pod;
      } catch (ConflictException e) {
        if (attempt >= MAX_UPDATE_ATTEMPTS) {
          throw ApiException.modified(pods, name);
        }
      } catch (NotFoundException e) {
        throw ApiException.notFound(pods, name);
      }
    }
  }

  private static void setScheduledCondition(ObjectNode pod, Instant now) {
    ObjectNode status = Json.with(pod, "status");
    JsonNode existing = status.get("conditions");
    ArrayNode conditions = existing instanceof ArrayNode a ? a : status.putArray("conditions");
    ObjectNode cond = null;
    for (JsonNode c : conditions) {
      if (c instanceof ObjectNode o && Json.text(o, "type").equals("PodScheduled")) {
        cond = o;
      }
    }
    if (cond == null) {
      cond = conditions.addObject();
      cond.put("type", "PodScheduled");
    }
    if (!Json.text(cond, "status").equals("True")) {
      cond.put("lastTransitionTime", Json.timestamp(now));
    }
    cond.put("status", "True");
    cond.putNull("lastProbeTime");
    cond.remove("reason");
    cond.remove("message");
  }

  private static long parseResourceVersion(String rv) {
    if (rv.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version: \"" + rv + "\"");
    }
  }

  /** Carries the server-owned fields over from the stored object and bumps the generation. */
  private static void prepareUpdate(
      ResourceType type, ObjectNode old, ObjectNode obj, String subresource) {
    ObjectNode oldMeta = Json.metadata(old);
    ObjectNode meta = Json.metadata(obj);
    for (String f :
        List.of(
            "uid",
            "creationTimestamp",
            "name",
            "namespace",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation")) {
      JsonNode v = oldMeta.get(f);
      if (v == null) {
        meta.remove(f);
      } else {
        meta.set(f, v);
      }
    }
    // Validation sees the version being replaced; the store stamps the new one on commit.
    meta.set("resourceVersion", oldMeta.get("resourceVersion"));
    meta.remove("managedFields");
    meta.remove("selfLink");
    if ("status".equals(subresource)) {
      ObjectStatus.keepAllButStatus(old, obj);
    } else if (type.hasStatus()) {
      ObjectStatus.keepStatus(old, obj);
    }
    if (type.hasGeneration() && !ObjectStatus.sameSpec(old, obj)) {
      meta.put("generation", oldMeta.path("generation").asLong(0) + 1);
    }
  }

  // ---- delete -----------------------------------------------------------------------------

  /**
   * Deletes an object: at once, or by marking it with a deletion timestamp while finalizers or a
   * pod's graceful termination are pending.
   *
   * @return the object as last stored (deleted, or marked for deletion)
   */
  public Result delete(
      ResourceType type, String version, String namespace, String name, DeleteOptions opts) {
    Key key = key(type, namespace, name);
    for (int attempt = 1; ; attempt++) {
      Entry current = store.get(key).orElseThrow(() -> ApiException.notFound(type, name));
      ObjectNode obj = Json.decode(current.value());
      checkDeletePreconditions(type, name, obj, current, opts);
      ObjectNode marked = markForDeletion(type, obj.deepCopy(), opts);
      if (opts.dryRun()) {
        return new Result(Conversion.fromStorage(type, version, marked), false, List.of());
      }
      try {
        if (marked != null && !ObjectStatus.sameIgnoringVersion(obj, marked)) {
          ObjectNode meta = Json.metadata(marked);
          store.update(key, current.revision(), rev -> encodeAt(marked, meta, rev));
          return new Result(Conversion.fromStorage(type, version, marked), false, List.of());
        }
        if (marked != null) {
          return new Result(Conversion.fromStorage(type, version, obj), false, List.of());
        }
        ObjectNode meta = Json.metadata(obj);
        Entry gone = store.delete(key, current.revision(), rev -> encodeAt(obj, meta, rev));
        if (type.kind().equals("Namespace")) {
          finalizeNamespace(name);
        }
        return new Result(
            Conversion.fromStorage(type, version, Json.decode(gone.value())), false, List.of());
      } catch (ConflictException e) {
        if (attempt >= MAX_UPDATE_ATTEMPTS) {
          throw ApiException.modified(type, name);
        }
      } catch (NotFoundException e) {
        throw ApiException.notFound(type, name);
      }
    }
  }

  private static void checkDeletePreconditions(
      ResourceType type, String name, ObjectNode obj, Entry current, DeleteOptions opts) {
    String uid = Json.text(Json.metadata(obj), "uid");
    if (opts.uid() != null && !opts.uid().equals(uid)) {
      throw ApiException.conflict(
          type,
          name,
          "Precondition failed: UID in precondition: "
              + opts.uid()
              + ", UID in object meta: "
              + uid);
    }
    if (opts.resourceVersion() != null
        && !opts.resourceVersion().equals(Long.toString(current.revision()))) {
      throw ApiException.conflict(
          type,
          name,
          "Precondition failed: ResourceVersion in precondition: "
              + opts.resourceVersion()
              + ", ResourceVersion in object meta: "
              + current.revision());
    }
  }

  /**
   * Decides how a delete proceeds: returns the object marked for deletion (deletionTimestamp,
   * propagation finalizers) when it must stay for a while, or {@code null} to remove it now.
   */
  private ObjectNode markForDeletion(ResourceType type, ObjectNode obj, DeleteOptions opts) {
    ObjectNode meta = Json.metadata(obj);
    Instant now = clock.now();
    String policy = opts.propagationPolicy();
    if ("Foreground".equals(policy)) {
      addFinalizer(meta, "foregroundDeletion");
    } else if ("Orphan".equals(policy)) {
      addFinalizer(meta, "orphan");
    }
    long grace = gracePeriod(type, obj, opts);
    boolean pendingTermination = grace > 0;
    if (finalizers(obj).isEmpty() && !pendingTermination) {
      return null;
    }
    if (!isDeleting(obj)) {
      meta.put("deletionTimestamp", Json.timestamp(now.plusSeconds(grace)));
      meta.put("deletionGracePeriodSeconds", grace);
    } else if (pendingTermination) {
      // A second delete may shorten the grace period, never lengthen it.
      long left = meta.path("deletionGracePeriodSeconds").asLong(grace);
      if (grace < left) {
        meta.put("deletionTimestamp", Json.timestamp(now.plusSeconds(grace)));
        meta.put("deletionGracePeriodSeconds", grace);
      }
    }
    if (type.kind().equals("Namespace")) {
      Json.with(obj, "status").put("phase", "Terminating");
    }
    return obj;
  }

  /**
   * The grace period a pod gets; 0 for everything else. A pod that never reached a node has no
   * kubelet to stop it and goes at once, as in Kubernetes.
   */
  private static long gracePeriod(ResourceType type, ObjectNode obj, DeleteOptions opts) {
    if (!type.kind().equals("Pod")) {
      return 0;
    }
    if (Json.text(obj.path("spec"), "nodeName").isEmpty()) {
      return 0;
    }
    String phase = Json.at(obj, "status", "phase").asString("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    if (opts.gracePeriodSeconds() != null) {
      return Math.max(0, opts.gracePeriodSeconds());
    }
    return obj.path("spec").path("terminationGracePeriodSeconds").asLong(30);
  }

  private static void addFinalizer(ObjectNode meta, String finalizer) {
    JsonNode f = meta.get("finalizers");
    ArrayNode list = f instanceof ArrayNode a ? a : meta.putArray("finalizers");
    for (JsonNode n : list) {
      if (n.asString("").equals(finalizer)) {
        return;
      }
    }
    list.add(finalizer);
  }

  static ArrayNode finalizers(ObjectNode obj) {
    JsonNode f = Json.at(obj, "metadata", "finalizers");
    return f instanceof ArrayNode a ? a : Json.NODES.arrayNode();
  }

  static boolean isDeleting(ObjectNode obj) {
    return !Json.at(obj, "metadata", "deletionTimestamp").isMissingNode();
  }

  /** Deletes everything left in a deleted namespace. */
  // TODO: namespace deletion is synchronous and skips graceful pod termination; Kubernetes runs a
  // namespace controller that waits for each object (and each pod's grace period) before the
  // namespace disappears.
  private void finalizeNamespace(String namespace) {
    for (ResourceType t : registry.types()) {
      if (!t.namespaced()) {
        continue;
      }
      for (Entry e : store.list(t.storageResource(), namespace, null).entries()) {
        try {
          store.delete(e.key(), 0, null);
        } catch (NotFoundException ignored) {
          // Deleted concurrently: nothing left to do.
        }
      }
    }
  }

  /** Deletes every object matching the selectors. */
  public List<ObjectNode> deleteCollection(
      ResourceType type,
      String version,
      String namespace,
      Selectors selectors,
      DeleteOptions opts) {
    List<ObjectNode> out = new ArrayList<>();
    for (Entry e : list(type, namespace, selectors).entries()) {
      try {
        out.add(delete(type, version, e.key().namespace(), e.key().name(), opts).object());
      } catch (ApiException ex) {
        if (ex.code() != 404) {
          throw ex;
        }
      }
    }
    return out;
  }

  /** Field names of an object other than metadata, in order. */
  static List<String> fieldNames(ObjectNode obj) {
    List<String> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = obj.properties().iterator();
    while (it.hasNext()) {
      out.add(it.next().getKey());
    }
    return out;
  }
}
