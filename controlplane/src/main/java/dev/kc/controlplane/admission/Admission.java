package dev.kc.controlplane.admission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Admission for kc: decoding checks, defaulting and validation of Kubernetes objects with
 * Kubernetes' own rules and error messages (as of 1.32).
 *
 * <p>A write goes through the steps in this order, as in a real API server:
 *
 * <ol>
 *   <li>{@link #check}: the body decodes as its kind (else 400 via {@link DecodeException}); the
 *       returned unknown-field paths serve {@code fieldValidation=Strict/Warn};
 *   <li>the API server fills in the name (from generateName) and the namespace (from the URL);
 *   <li>{@link #applyDefaults} (Kubernetes defaults while decoding, so before anything else);
 *   <li>for updates, {@link #prepareForUpdate} and the server's own carry-overs (uid,
 *       creationTimestamp, a missing resourceVersion for unconditional updates);
 *   <li>{@link #validate} (422 via {@link #invalidMessage} when the list is not empty).
 * </ol>
 *
 * <p>Supported kinds: v1 Namespace, Node, Pod, Service, Endpoints, Event, ConfigMap, Secret,
 * PersistentVolumeClaim, PersistentVolume; apps/v1 Deployment, ReplicaSet, StatefulSet, DaemonSet,
 * ControllerRevision; autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscaler. Other kinds make
 * the methods throw {@link IllegalArgumentException}.
 *
 * <p>Cost: construction is cheap and loads no model classes. The first {@link #check} of a kind
 * loads and reflects on the fabric8 classes it reaches (tens of milliseconds cold); later checks
 * reuse the cached metadata. All methods are thread-safe; the instance may be shared.
 */
public final class Admission {

  private final SchemaChecker checker = new SchemaChecker();
  private final Map<String, Class<?>> models = new ConcurrentHashMap<>();

  /** Creates an admission instance; cheap, model classes are loaded on first use. */
  public Admission() {}

  /**
   * Type-checks {@code obj} against its kind's schema, as Kubernetes' JSON decoder does.
   *
   * @param apiVersion e.g. {@code apps/v1}
   * @param kind e.g. {@code Deployment}
   * @param obj the request body as parsed JSON; not modified
   * @return the paths of fields the schema does not know, in document order (e.g. {@code
   *     spec.template.spec.containers[0].imagePullPolcy}); empty when there are none
   * @throws DecodeException when a field has the wrong JSON type or a typed value (quantity,
   *     timestamp, base64 data) is malformed; the message is Kubernetes' BadRequest text
   * @throws IllegalArgumentException when the apiVersion/kind is not supported
   */
  public List<String> check(String apiVersion, String kind, JsonNode obj) {
    Kinds.Spec spec = Kinds.of(apiVersion, kind);
    return checker.check(
        model(spec),
        obj,
        goError -> {
          throw new DecodeException(kind, spec.version(), goError);
        });
  }

  /**
   * Applies Kubernetes' defaults in place: the v1/apps/autoscaling defaulting functions, the
   * effects of the default admission plugins on new Pods (service account, default tolerations,
   * priority), the create-time registry defaults a 1.32 server stores (Namespace finalizer and
   * phase, initial Pod/PVC/PV phases, Secret {@code stringData} folded into {@code data}) and the
   * canonical form of every quantity ({@code 0.5} becomes {@code 500m}). Namespace is cleared on
   * cluster-scoped kinds. Server-owned metadata (uid, resourceVersion, creationTimestamp,
   * generation) is not touched. Idempotent: defaulting twice changes nothing.
   *
   * <p>The admission-plugin effects and the initial status of a Pod are applied only to a new Pod,
   * recognised by having no {@code metadata.resourceVersion} and no {@code status.phase}:
   * Kubernetes runs admission plugins on create only, so an update must not get them again.
   *
   * <p>Expects an object that passed {@link #check}; values of the wrong type are left alone.
   *
   * @throws IllegalArgumentException when the apiVersion/kind is not supported
   */
  public void applyDefaults(String apiVersion, String kind, ObjectNode obj) {
    Kinds.Spec spec = Kinds.of(apiVersion, kind);
    if (!spec.namespaced() && obj.get("metadata") instanceof ObjectNode meta) {
      meta.remove("namespace");
    }
    spec.defaulter().accept(obj);
    checker.canonicalizeQuantities(model(spec), obj);
  }

  /**
   * Loads and caches the schema of every supported kind, so that no request pays for it. Optional
   * and idempotent; meant for a background thread at daemon start (it takes a few hundred
   * milliseconds cold).
   */
  public void warmUp() {
    for (Kinds.Spec spec : Kinds.all()) {
      checker.warm(model(spec));
    }
  }

  /**
   * Validates a create ({@code old == null}) or an update ({@code old} is the stored object), after
   * defaulting. Includes metadata validation; for updates also the generic metadata rules
   * (resourceVersion present, name/namespace/uid unchanged) the API server applies to every kind.
   *
   * <p>Expects the API server to have filled in the name (from generateName) and the namespace. For
   * an update it expects {@code metadata.resourceVersion} to be set (an unconditional update copies
   * the stored one first, as Kubernetes does).
   *
   * @return every problem, in Kubernetes' order, without exact duplicates; empty when valid
   * @throws IllegalArgumentException when the apiVersion/kind is not supported
   */
  public List<FieldError> validate(String apiVersion, String kind, ObjectNode obj, ObjectNode old) {
    Kinds.Spec spec = Kinds.of(apiVersion, kind);
    List<FieldError> errs = new ArrayList<>();
    if (old != null) {
      errs.addAll(MetaValidation.genericObjectMeta(obj.get("metadata"), spec.namespaced()));
      errs.addAll(MetaValidation.genericObjectMetaUpdate(obj.get("metadata"), old.get("metadata")));
      errs.addAll(spec.validator().apply(obj, old));
    } else {
      errs.addAll(spec.validator().apply(obj, null));
      if (errs.isEmpty()) {
        errs.addAll(MetaValidation.genericObjectMeta(obj.get("metadata"), spec.namespaced()));
      }
    }
    return dedupe(errs);
  }

  /**
   * Carries over from the stored object what an update may not set directly, as Kubernetes'
   * registry strategies do before validation: the status of kinds that have a status subresource, a
   * Namespace's finalizers, and the cluster IPs, IP families and node ports a Service was allocated
   * when the update leaves them out. Call it for updates of the main resource (not of {@code
   * /status}), after {@link #applyDefaults} and before {@link #validate}.
   *
   * @throws IllegalArgumentException when the apiVersion/kind is not supported
   */
  public void prepareForUpdate(String apiVersion, String kind, ObjectNode obj, ObjectNode old) {
    Kinds.of(apiVersion, kind);
    UpdatePreparation.prepare(kind, obj, old);
  }

  /**
   * Builds the 422 Status message: {@code <Kind>.<group> "<name>" is invalid: <errors>}, with the
   * group left out for the core group. One error prints bare, several as {@code [e1, e2]}, with
   * duplicate messages dropped, exactly as Kubernetes' aggregate error does.
   *
   * @param kind e.g. {@code Deployment}
   * @param group e.g. {@code apps}; empty or null for core
   * @param name the object name (may be empty)
   * @param errors the problems from {@link #validate}
   */
  public static String invalidMessage(
      String kind, String group, String name, List<FieldError> errors) {
    String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
    String prefix = qualified + " " + GoFmt.quote(name == null ? "" : name) + " is invalid";
    Set<String> messages = new LinkedHashSet<>();
    for (FieldError e : errors) {
      messages.add(e.toString());
    }
    if (messages.isEmpty()) {
      return prefix;
    }
    if (messages.size() == 1) {
      return prefix + ": " + messages.iterator().next();
    }
    return prefix + ": [" + String.join(", ", messages) + "]";
  }

  /**
   * Builds the 400 message Kubernetes gives for unknown fields under {@code
   * fieldValidation=Strict}, e.g. {@code Pod in version "v1" cannot be handled as a Pod: strict
   * decoding error: unknown field "spec.foo"}.
   *
   * @param kind the object kind
   * @param apiVersion the object's apiVersion (the group is dropped, as Kubernetes does)
   * @param unknownFields the paths returned by {@link #check}; must not be empty
   */
  public static String strictDecodingMessage(
      String kind, String apiVersion, List<String> unknownFields) {
    List<String> parts = new ArrayList<>();
    for (String f : unknownFields) {
      parts.add(unknownFieldWarning(f));
    }
    String version = apiVersion.contains("/") ? apiVersion.split("/", 2)[1] : apiVersion;
    return new DecodeException(kind, version, "strict decoding error: " + String.join(", ", parts))
        .getMessage();
  }

  /**
   * The text of one {@code fieldValidation=Warn} warning, e.g. {@code unknown field "spec.foo"};
   * the API server sends it as {@code Warning: 299 - "<text>"}.
   */
  public static String unknownFieldWarning(String path) {
    return "unknown field " + GoFmt.quote(path);
  }

  private Class<?> model(Kinds.Spec spec) {
    return models.computeIfAbsent(spec.modelClass(), Admission::load);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Admission.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("fabric8 model class missing from the classpath: " + name, e);
    }
  }

  /** Drops exact repeats (Kubernetes runs some rules twice on updates). */
  private static List<FieldError> dedupe(List<FieldError> errs) {
    Set<String> seen = new LinkedHashSet<>();
    List<FieldError> out = new ArrayList<>();
    for (FieldError e : errs) {
      if (seen.add(e.type() + "|" + e)) {
        out.add(e);
      }
    }
    return out;
  }
}
