package dev.kc.controlplane.admission;

import dev.kc.controlplane.admission.Names.NameRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Object metadata validation: apimachinery's {@code ValidateObjectMeta} and {@code
 * ValidateObjectMetaUpdate} plus core's finalizer-name rule, with Kubernetes' messages.
 */
final class MetaValidation {

  private static final int TOTAL_ANNOTATION_SIZE = 256 * 1024;
  private static final Set<String> STANDARD_FINALIZERS =
      Set.of("kubernetes", "orphan", "foregroundDeletion");

  private MetaValidation() {}

  /**
   * Validates metadata of a new object.
   *
   * @param meta the {@code metadata} object (may be null)
   * @param namespaced whether the kind lives in a namespace
   * @param rule how {@code metadata.name} and {@code generateName} are checked
   */
  static List<FieldError> objectMeta(JsonNode meta, boolean namespaced, NameRule rule) {
    return objectMeta(meta, namespaced, rule, true);
  }

  /**
   * apimachinery's generic {@code ValidateObjectMetaAccessor}, which the API server runs on every
   * object besides the kind's own rules: names only need to be usable as a URL path segment, and
   * core's finalizer-name rule does not apply.
   */
  static List<FieldError> genericObjectMeta(JsonNode meta, boolean namespaced) {
    return objectMeta(meta, namespaced, NameRule.PATH_SEGMENT, false);
  }

  private static List<FieldError> objectMeta(
      JsonNode meta, boolean namespaced, NameRule rule, boolean kubeFinalizers) {
    List<FieldError> out = new ArrayList<>();
    Path p = Path.of("metadata");
    String generateName = Json.str(meta, "generateName");
    if (!generateName.isEmpty()) {
      Errors.invalidEach(
          out, p.child("generateName"), generateName, rule.check(generateName, true));
    }
    String name = Json.str(meta, "name");
    if (name.isEmpty()) {
      out.add(Errors.required(p.child("name"), "name or generateName is required"));
    } else {
      Errors.invalidEach(out, p.child("name"), name, rule.check(name, false));
    }
    String ns = Json.str(meta, "namespace");
    if (namespaced) {
      if (ns.isEmpty()) {
        out.add(Errors.required(p.child("namespace"), ""));
      } else {
        Errors.invalidEach(out, p.child("namespace"), ns, Names.dns1123Label(ns));
      }
    } else if (!ns.isEmpty()) {
      out.add(Errors.forbidden(p.child("namespace"), "not allowed on this type"));
    }
    Errors.nonNegative(out, Json.num(meta, "generation", 0), p.child("generation"));
    common(out, meta, p, kubeFinalizers);
    return out;
  }

  /** Validates metadata of an update against the stored object's metadata. */
  static List<FieldError> objectMetaUpdate(JsonNode meta, JsonNode old) {
    List<FieldError> out = new ArrayList<>();
    Path p = Path.of("metadata");
    if (Json.has(old, "deletionTimestamp")) {
      Set<String> added = new LinkedHashSet<>(Json.strings(meta, "finalizers"));
      Json.strings(old, "finalizers").forEach(added::remove);
      if (!added.isEmpty()) {
        out.add(
            Errors.forbidden(
                p.child("finalizers"),
                "no new finalizers can be added if the object is being deleted, found new"
                    + " finalizers "
                    + GoFmt.stringSlice(added)));
      }
    }
    String rv = Json.str(meta, "resourceVersion");
    if (rv.isEmpty()) {
      out.add(Errors.invalid(p.child("resourceVersion"), rv, "must be specified for an update"));
    }
    long generation = Json.num(meta, "generation", 0);
    if (generation < Json.num(old, "generation", 0)) {
      out.add(Errors.invalid(p.child("generation"), generation, "must not be decremented"));
    }
    for (String f : List.of("name", "namespace", "uid")) {
      String now = Json.str(meta, f);
      Errors.immutable(out, now, Json.str(old, f), now, p.child(f));
    }
    JsonNode grace = meta == null ? null : meta.get("deletionGracePeriodSeconds");
    Errors.immutable(
        out,
        grace,
        old == null ? null : old.get("deletionGracePeriodSeconds"),
        grace == null || grace.isNull() ? null : grace.asLong(),
        p.child("deletionGracePeriodSeconds"));
    common(out, meta, p, true);
    return out;
  }

  /**
   * The generic part of an update check: apimachinery's {@code ValidateObjectMetaAccessorUpdate}
   * without core's finalizer-name rule.
   */
  static List<FieldError> genericObjectMetaUpdate(JsonNode meta, JsonNode old) {
    List<FieldError> out = objectMetaUpdate(meta, old);
    out.removeIf(e -> e.detail().startsWith("name is neither a standard finalizer"));
    return out;
  }

  // TODO: managedFields entries are not validated; a malformed entry is stored as given.

  /** Labels, annotations, owner references and finalizers: shared by create and update. */
  private static void common(List<FieldError> out, JsonNode meta, Path p, boolean kube) {
    labels(out, Json.stringMap(meta, "labels"), p.child("labels"));
    annotations(out, Json.stringMap(meta, "annotations"), p.child("annotations"));
    ownerReferences(out, Json.objects(meta, "ownerReferences"), p.child("ownerReferences"));
    List<String> finalizers = Json.strings(meta, "finalizers");
    finalizers(out, finalizers, p.child("finalizers"));
    for (int i = 0; kube && i < finalizers.size(); i++) {
      kubeFinalizerName(out, finalizers.get(i), p.child("finalizers").index(i));
    }
  }

  /** {@code ValidateLabels}: every key a qualified name, every value a label value. */
  static void labels(List<FieldError> out, Map<String, String> labels, Path p) {
    if (labels == null) {
      return;
    }
    for (Map.Entry<String, String> e : labels.entrySet()) {
      Errors.invalidEach(out, p, e.getKey(), Names.qualifiedName(e.getKey()));
      Errors.invalidEach(out, p, e.getValue(), Names.labelValue(e.getValue()));
    }
  }

  /** {@code ValidateAnnotations}: keys are case-insensitive qualified names; 256 KiB in total. */
  static void annotations(List<FieldError> out, Map<String, String> annotations, Path p) {
    if (annotations == null) {
      return;
    }
    long size = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String k = e.getKey();
      Errors.invalidEach(out, p, k, Names.qualifiedName(k.toLowerCase(java.util.Locale.ROOT)));
      size += k.getBytes(StandardCharsets.UTF_8).length;
      size += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > TOTAL_ANNOTATION_SIZE) {
      out.add(Errors.tooLong(p, TOTAL_ANNOTATION_SIZE));
    }
  }

  private static void ownerReferences(List<FieldError> out, List<? extends JsonNode> refs, Path p) {
    String firstController = "";
    for (JsonNode ref : refs) {
      String apiVersion = Json.str(ref, "apiVersion");
      String version = apiVersion.contains("/") ? apiVersion.split("/", 2)[1] : apiVersion;
      if (version.isEmpty()) {
        out.add(Errors.invalid(p.child("apiVersion"), apiVersion, "version must not be empty"));
      }
      String kind = Json.str(ref, "kind");
      if (kind.isEmpty()) {
        out.add(Errors.invalid(p.child("kind"), kind, "must not be empty"));
      }
      String name = Json.str(ref, "name");
      if (name.isEmpty()) {
        out.add(Errors.invalid(p.child("name"), name, "must not be empty"));
      }
      String uid = Json.str(ref, "uid");
      if (uid.isEmpty()) {
        out.add(Errors.invalid(p.child("uid"), uid, "must not be empty"));
      }
      if (Json.bool(ref, "controller")) {
        String current = kind + "/" + name;
        if (!firstController.isEmpty()) {
          out.add(
              Errors.invalid(
                  p,
                  GoFmt.literal("[]v1.OwnerReference{...}"),
                  "Only one reference can have Controller set to true. Found \"true\" in"
                      + " references for "
                      + firstController
                      + " and "
                      + current));
        } else {
          firstController = current;
        }
      }
    }
  }

  private static void finalizers(List<FieldError> out, List<String> finalizers, Path p) {
    for (String f : finalizers) {
      Errors.invalidEach(out, p, f, Names.qualifiedName(f));
    }
    if (finalizers.contains("orphan") && finalizers.contains("foregroundDeletion")) {
      out.add(
          Errors.invalid(
              p, finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
    }
  }

  /** Core's rule: an unqualified finalizer must be one of Kubernetes' own. */
  static void kubeFinalizerName(List<FieldError> out, String name, Path p) {
    if (!name.contains("/") && !STANDARD_FINALIZERS.contains(name)) {
      out.add(
          Errors.invalid(
              p, name, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  }
}
