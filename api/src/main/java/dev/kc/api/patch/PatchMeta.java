package dev.kc.api.patch;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Patch metadata of one object type: for each field, how a strategic merge patch treats it. This is
 * our own table of the {@code patchStrategy}/{@code patchMergeKey} facts that Kubernetes declares
 * on its Go types (see {@link #forKind}); nodes form a tree that shares sub-trees such as
 * ObjectMeta, PodSpec and Container.
 *
 * <p>Fields not declared on a node get {@link #fieldMeta}'s default: no strategy, no merge key and
 * {@link #none()} as their type. With that default, objects merge key by key and lists are replaced
 * whole, which is exactly JSON merge patch; so {@link #none()} is the right metadata for kinds we
 * know nothing about.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PatchMeta {

  /** A patch strategy declared on a field, after Kubernetes' {@code patchStrategy} tag. */
  public enum Strategy {
    /**
     * The list merges: element-wise by {@link FieldMeta#mergeKey()} for lists of objects, as a set
     * union for lists of scalars (e.g. {@code finalizers}).
     */
    MERGE,
    /** The value is replaced whole, never merged (a list or an object). */
    REPLACE,
    /**
     * The object (or, on a merged list, each element) is a union type: a patch lists the keys to
     * keep in {@code $retainKeys} and every other key is cleared.
     */
    RETAIN_KEYS
  }

  /**
   * How a strategic merge patch treats one field.
   *
   * @param strategies the declared strategies; empty means the default (objects merge, lists are
   *     replaced)
   * @param mergeKey for a merged list of objects, the field that identifies an element; {@code
   *     null} otherwise
   * @param type the metadata of the field's object type, or of its elements for a list; {@link
   *     #none()} when the type has nothing to declare
   */
  public record FieldMeta(Set<Strategy> strategies, String mergeKey, PatchMeta type) {
    /** Validates and freezes the components. */
    public FieldMeta {
      EnumSet<Strategy> copy = EnumSet.noneOf(Strategy.class);
      copy.addAll(strategies);
      if (copy.contains(Strategy.MERGE) && copy.contains(Strategy.REPLACE)) {
        throw new IllegalArgumentException("a field cannot both merge and be replaced");
      }
      if (mergeKey != null && !copy.contains(Strategy.MERGE)) {
        throw new IllegalArgumentException("a merge key needs the MERGE strategy");
      }
      strategies = Collections.unmodifiableSet(copy);
      type = Objects.requireNonNull(type, "type");
    }

    /** Returns whether the field is a list that merges (by key, or as a set of scalars). */
    public boolean isMerge() {
      return strategies.contains(Strategy.MERGE);
    }

    /** Returns whether the field is replaced whole even when it holds an object. */
    public boolean isReplace() {
      return strategies.contains(Strategy.REPLACE);
    }

    /** Returns whether patches of the field (or of its list elements) carry {@code $retainKeys}. */
    public boolean isRetainKeys() {
      return strategies.contains(Strategy.RETAIN_KEYS);
    }
  }

  private static final PatchMeta NONE = new PatchMeta("none", Map.of());
  private static final FieldMeta DEFAULT_FIELD =
      new FieldMeta(EnumSet.noneOf(Strategy.class), null, NONE);

  private final String typeName;
  private final Map<String, FieldMeta> fields;

  private PatchMeta(String typeName, Map<String, FieldMeta> fields) {
    this.typeName = typeName;
    this.fields = fields;
  }

  /**
   * Returns the metadata that declares nothing: objects merge, lists are replaced, as in JSON merge
   * patch. Use it for kinds without a table entry (custom resources).
   */
  public static PatchMeta none() {
    return NONE;
  }

  /**
   * Returns the metadata of a built-in kind, or {@link #none()} if we have no table for it. The
   * version part of {@code apiVersion} is ignored: the served versions of one kind share their
   * patch metadata (autoscaling/v1 and v2 HPAs use one tree whose fields do not collide).
   *
   * @param apiVersion e.g. {@code "apps/v1"} or {@code "v1"}; {@code null} means the core group
   * @param kind e.g. {@code "Deployment"}
   */
  public static PatchMeta forKind(String apiVersion, String kind) {
    return BuiltinPatchMeta.lookup(apiVersion, kind);
  }

  /**
   * Returns the metadata for an object by its {@code apiVersion} and {@code kind} fields, or {@link
   * #none()} if they are missing or unknown.
   */
  public static PatchMeta forObject(JsonNode object) {
    if (object == null || !object.isObject()) {
      return NONE;
    }
    JsonNode kind = object.get("kind");
    if (kind == null || !kind.isString()) {
      return NONE;
    }
    JsonNode apiVersion = object.get("apiVersion");
    String version = apiVersion != null && apiVersion.isString() ? apiVersion.stringValue() : "";
    return forKind(version, kind.stringValue());
  }

  /** Starts a new type node. {@code typeName} is for messages and debugging only. */
  public static Builder builder(String typeName) {
    return new Builder(typeName);
  }

  /** The Kubernetes type this node describes, e.g. {@code "PodSpec"}; {@code "none"} for none. */
  public String typeName() {
    return typeName;
  }

  /** Returns whether this is {@link #none()}. */
  public boolean isNone() {
    return this == NONE;
  }

  /**
   * Returns the metadata of field {@code name}; never null. Undeclared fields get the default (no
   * strategy, no merge key, type {@link #none()}).
   */
  public FieldMeta fieldMeta(String name) {
    return fields.getOrDefault(name, DEFAULT_FIELD);
  }

  /** The declared field names, in declaration order. */
  public Set<String> declaredFields() {
    return fields.keySet();
  }

  @Override
  public String toString() {
    return "PatchMeta[" + typeName + "]";
  }

  /**
   * Builds one type node. Each method declares one field; declaring a field twice keeps the last
   * declaration.
   */
  public static final class Builder {
    private final String typeName;
    private final Map<String, FieldMeta> fields = new LinkedHashMap<>();

    private Builder(String typeName) {
      this.typeName = Objects.requireNonNull(typeName, "typeName");
    }

    /** Declares a nested object that merges key by key (the default) and has its own metadata. */
    public Builder object(String name, PatchMeta type) {
      return field(name, new FieldMeta(EnumSet.noneOf(Strategy.class), null, type));
    }

    /** Declares a union-type object patched with {@code $retainKeys} (e.g. Deployment strategy). */
    public Builder retainKeysObject(String name, PatchMeta type) {
      return field(name, new FieldMeta(EnumSet.of(Strategy.RETAIN_KEYS), null, type));
    }

    /** Declares an object that a patch replaces whole instead of merging it. */
    public Builder replacedObject(String name, PatchMeta type) {
      return field(name, new FieldMeta(EnumSet.of(Strategy.REPLACE), null, type));
    }

    /** Declares a list of objects merged element-wise by {@code mergeKey}. */
    public Builder mergedList(String name, String mergeKey, PatchMeta elementType) {
      Objects.requireNonNull(mergeKey, "mergeKey");
      return field(name, new FieldMeta(EnumSet.of(Strategy.MERGE), mergeKey, elementType));
    }

    /**
     * Declares a list of union-type objects merged by {@code mergeKey} whose elements are patched
     * with {@code $retainKeys} (e.g. pod volumes).
     */
    public Builder mergedListRetainKeys(String name, String mergeKey, PatchMeta elementType) {
      Objects.requireNonNull(mergeKey, "mergeKey");
      EnumSet<Strategy> strategies = EnumSet.of(Strategy.MERGE, Strategy.RETAIN_KEYS);
      return field(name, new FieldMeta(strategies, mergeKey, elementType));
    }

    /** Declares a list of scalars merged as a set (e.g. {@code finalizers}). */
    public Builder mergedSet(String name) {
      return field(name, new FieldMeta(EnumSet.of(Strategy.MERGE), null, NONE));
    }

    /** Declares a list that patches replace whole (e.g. {@code args}, {@code tolerations}). */
    public Builder atomicList(String name) {
      return atomicList(name, NONE);
    }

    /** Declares a list replaced whole whose elements still have metadata (kept for reference). */
    public Builder atomicList(String name, PatchMeta elementType) {
      return field(name, new FieldMeta(EnumSet.of(Strategy.REPLACE), null, elementType));
    }

    /** Declares a field with explicit metadata. */
    public Builder field(String name, FieldMeta meta) {
      fields.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(meta, "meta"));
      return this;
    }

    /** Returns the immutable node. */
    public PatchMeta build() {
      return new PatchMeta(typeName, Collections.unmodifiableMap(new LinkedHashMap<>(fields)));
    }
  }
}
