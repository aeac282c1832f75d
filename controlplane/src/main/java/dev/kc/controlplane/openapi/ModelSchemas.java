package dev.kc.controlplane.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.kc.controlplane.openapi.Descriptions.Role;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds OpenAPI v3 schemas from the fabric8 model classes by reflection: one schema per class, one
 * property per {@code @JsonProperty} field, Java types mapped to OpenAPI types, nested model
 * classes referenced by {@code $ref}.
 *
 * <p>Structure comes from fabric8; descriptions and facts fabric8 lacks (required fields, patch
 * strategies, enums) come from kc's data files. Which String fields are timestamps is inferred from
 * their names ({@code creationTimestamp}, {@code lastTransitionTime}, {@code startedAt}...), since
 * fabric8 types them as plain strings.
 *
 * <p>Built schemas are cached per class and never modified afterwards, so documents may share them.
 * Methods are synchronized: fabric8 class introspection is the slow part and is done once.
 */
final class ModelSchemas {
  static final String REF_PREFIX = "#/components/schemas/";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** String fields with these exact names hold timestamps, besides names ending in Time(stamp). */
  private static final Set<String> TIME_FIELDS =
      Set.of("time", "timeAdded", "startedAt", "finishedAt");

  private static final Set<String> TAGGED_META =
      Set.of(SchemaNames.META + "Status", SchemaNames.META + "DeleteOptions");

  private final Descriptions descriptions;
  private final FieldFacts facts;
  private final Map<String, Built> built = new HashMap<>();

  /** A schema and the schemas it refers to, by name; the class is null for built-in schemas. */
  private record Built(ObjectNode schema, Map<String, Class<?>> refs) {}

  ModelSchemas(Descriptions descriptions, FieldFacts facts) {
    this.descriptions = descriptions;
    this.facts = facts;
  }

  /**
   * The schemas of {@code roots} and of every type they reach, by schema name in name order. The
   * returned schemas are shared and must not be modified.
   */
  synchronized SortedMap<String, ObjectNode> closure(Collection<Class<?>> roots) {
    SortedMap<String, ObjectNode> out = new TreeMap<>();
    Deque<Map.Entry<String, Class<?>>> queue = new ArrayDeque<>();
    for (Class<?> root : roots) {
      queue.add(new AbstractMap.SimpleEntry<>(SchemaNames.of(root), root));
    }
    queue.add(new AbstractMap.SimpleEntry<>(SchemaNames.PATCH, null));
    while (!queue.isEmpty()) {
      Map.Entry<String, Class<?>> next = queue.poll();
      String name = next.getKey();
      if (out.containsKey(name)) {
        continue;
      }
      Built b = built.get(name);
      if (b == null) {
        b = build(name, next.getValue());
        built.put(name, b);
      }
      out.put(name, b.schema());
      queue.addAll(b.refs().entrySet());
    }
    return out;
  }

  /** The group, version and kind fabric8 declares for a class, or null when it has none. */
  static Gvk gvkOf(Class<?> type) {
    Version version = type.getAnnotation(Version.class);
    if (version == null) {
      return null;
    }
    Group group = type.getAnnotation(Group.class);
    Kind kind = type.getAnnotation(Kind.class);
    return new Gvk(
        group == null ? "" : group.value(),
        version.value(),
        kind == null ? type.getSimpleName() : kind.value());
  }

  /** A group, version and kind. */
  record Gvk(String group, String version, String kind) {
    /** {@code {"group":..,"kind":..,"version":..}}, the key order Kubernetes uses. */
    ObjectNode toJson() {
      ObjectNode n = NODES.objectNode();
      n.put("group", group);
      n.put("kind", kind);
      n.put("version", version);
      return n;
    }
  }

  private Built build(String name, Class<?> type) {
    ObjectNode builtin = builtin(name);
    if (builtin != null) {
      return new Built(builtin, Map.of());
    }
    Map<String, Class<?>> refs = new LinkedHashMap<>();
    Role role = roleOf(type);
    String kind = kindOf(type, role);
    ObjectNode schema = NODES.objectNode();
    putIfSet(schema, "description", descriptions.type(name, role, kind));
    schema.put("type", "object");
    List<String> required = new ArrayList<>();
    ObjectNode properties = NODES.objectNode();
    for (Map.Entry<String, Field> e : jsonFields(type).entrySet()) {
      String field = e.getKey();
      properties.set(field, property(name, role, kind, e.getValue(), field, refs));
      if (facts.of(name + "." + field).required()) {
        required.add(field);
      }
    }
    if (!required.isEmpty()) {
      required.forEach(schema.putArray("required")::add);
    }
    if (!properties.isEmpty()) {
      schema.set("properties", properties);
    }
    facts.of(name).applyTo(schema, schema);
    // fabric8 also annotates helper types (OwnerReference); only kinds, lists and the two meta
    // types Kubernetes tags are kinds to kubectl.
    Gvk gvk = gvkOf(type);
    if (gvk != null && (role != Role.OTHER || TAGGED_META.contains(name))) {
      schema.putArray("x-kubernetes-group-version-kind").add(gvk.toJson());
    }
    return new Built(schema, refs);
  }

  private ObjectNode property(
      String schema, Role role, String kind, Field f, String field, Map<String, Class<?>> refs) {
    ObjectNode prop = NODES.objectNode();
    String text = descriptions.field(schema, field, role, kind);
    if (text == null) {
      text = referencedTypeDescription(f.getGenericType());
    }
    putIfSet(prop, "description", text);
    if (f.getType() == String.class && isTimestamp(field)) {
      prop.set("allOf", NODES.arrayNode().add(ref(SchemaNames.TIME, null, refs)));
    } else {
      prop.setAll(typeSchema(f.getGenericType(), refs, true));
    }
    facts.of(schema + "." + field).applyTo(prop, leaf(prop));
    return prop;
  }

  /**
   * The schema of a Java type. Model classes become references: wrapped in {@code allOf} where
   * siblings such as a description may follow (properties, array items), plain in maps.
   */
  private ObjectNode typeSchema(Type t, Map<String, Class<?>> refs, boolean wrapRef) {
    if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", typeSchema(args[0], refs, true));
        return array;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode map = NODES.objectNode().put("type", "object");
        map.set("additionalProperties", typeSchema(args[1], refs, false));
        return map;
      }
      return typeSchema(raw, refs, wrapRef);
    }
    if (!(t instanceof Class<?> c)) {
      return NODES.objectNode().put("type", "object");
    }
    ObjectNode scalar = scalar(c);
    if (scalar != null) {
      return scalar;
    }
    String name = c == Object.class ? SchemaNames.RAW_EXTENSION : SchemaNames.of(c);
    ObjectNode ref = ref(name, c == Object.class ? null : c, refs);
    if (!wrapRef) {
      return ref;
    }
    ObjectNode wrapped = NODES.objectNode();
    wrapped.set("allOf", NODES.arrayNode().add(ref));
    return wrapped;
  }

  private static ObjectNode scalar(Class<?> c) {
    ObjectNode n = NODES.objectNode();
    if (c == String.class || c == Character.class || c == char.class) {
      return n.put("type", "string");
    }
    if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
      return n.put("type", "integer").put("format", "int32");
    }
    if (c == Long.class || c == long.class) {
      return n.put("type", "integer").put("format", "int64");
    }
    if (c == Boolean.class || c == boolean.class) {
      return n.put("type", "boolean");
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      return n.put("type", "number").put("format", "double");
    }
    if (c == byte[].class) {
      return n.put("type", "string").put("format", "byte");
    }
    return null;
  }

  private static ObjectNode type(String type) {
    return NODES.objectNode().put("type", type);
  }

  private static ObjectNode ref(String name, Class<?> type, Map<String, Class<?>> refs) {
    refs.putIfAbsent(name, type);
    return NODES.objectNode().put("$ref", REF_PREFIX + name);
  }

  /** Where enum and format go: an array's items, a map's values, or the property itself. */
  private static ObjectNode leaf(ObjectNode prop) {
    JsonNode items = prop.get("items");
    if (items instanceof ObjectNode o) {
      return o;
    }
    JsonNode values = prop.get("additionalProperties");
    return values instanceof ObjectNode o ? o : prop;
  }

  /** For a field without its own description: the description of its model type, if any. */
  private String referencedTypeDescription(Type t) {
    if (!(t instanceof Class<?> c) || scalar(c) != null || c == Object.class) {
      return null;
    }
    String name = SchemaNames.of(c);
    ObjectNode builtin = builtin(name);
    if (builtin != null) {
      JsonNode d = builtin.get("description");
      return d == null ? null : d.asString();
    }
    Role role = roleOf(c);
    return descriptions.type(name, role, kindOf(c, role));
  }

  /** The schemas kc defines itself: string-like and free-form types fabric8 models otherwise. */
  private ObjectNode builtin(String name) {
    ObjectNode n = NODES.objectNode();
    putIfSet(n, "description", descriptions.type(name, Role.OTHER, ""));
    switch (name) {
      case SchemaNames.TIME, SchemaNames.MICRO_TIME ->
          n.put("type", "string").put("format", "date-time");
      case SchemaNames.INT_OR_STRING -> {
        n.put("format", "int-or-string");
        n.put("x-kubernetes-int-or-string", true);
        n.set("anyOf", NODES.arrayNode().add(type("integer")).add(type("string")));
      }
      case SchemaNames.QUANTITY ->
          n.set("oneOf", NODES.arrayNode().add(type("string")).add(type("number")));
      case SchemaNames.RAW_EXTENSION, SchemaNames.PATCH -> n.put("type", "object");
      default -> {
        return null;
      }
    }
    return n;
  }

  /** The JSON fields of a model class and its superclasses, by JSON name in name order. */
  static SortedMap<String, Field> jsonFields(Class<?> type) {
    SortedMap<String, Field> out = new TreeMap<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        JsonProperty p = f.getAnnotation(JsonProperty.class);
        if (p == null
            || Modifier.isStatic(f.getModifiers())
            || f.isAnnotationPresent(JsonIgnore.class)) {
          continue;
        }
        String name = p.value().isEmpty() ? f.getName() : p.value();
        // fabric8's catch-all for unknown fields is not part of the Kubernetes schema.
        if (!name.equals("additionalProperties")) {
          out.putIfAbsent(name, f);
        }
      }
    }
    return out;
  }

  static boolean isTimestamp(String field) {
    return field.endsWith("Time") || field.endsWith("Timestamp") || TIME_FIELDS.contains(field);
  }

  private static Role roleOf(Class<?> type) {
    if (KubernetesResourceList.class.isAssignableFrom(type)) {
      return Role.LIST;
    }
    return HasMetadata.class.isAssignableFrom(type) ? Role.KIND : Role.OTHER;
  }

  /** The kind a kind or list schema is about ({@code Deployment} for DeploymentList). */
  private static String kindOf(Class<?> type, Role role) {
    String simple = type.getSimpleName();
    if (role == Role.LIST && simple.endsWith("List")) {
      return simple.substring(0, simple.length() - "List".length());
    }
    return simple;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
