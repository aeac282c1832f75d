package dev.kc.controlplane.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Facts about schema fields that the fabric8 classes do not carry: which fields are required, how
 * strategic merge patch treats lists, enumerations and string formats.
 *
 * <p>They live in {@code /openapi/field-facts.properties}, keyed by {@code SchemaName.field} (or
 * {@code SchemaName} for facts about a whole type), each value a {@code ;}-separated list of
 * directives:
 *
 * <ul>
 *   <li>{@code required}: the field is listed in the type's {@code required};
 *   <li>{@code merge-key=name}, {@code strategy=merge}: {@code x-kubernetes-patch-merge-key} and
 *       {@code x-kubernetes-patch-strategy};
 *   <li>{@code list=map|set|atomic}, {@code map-keys=a,b}: {@code x-kubernetes-list-type} and
 *       {@code x-kubernetes-list-map-keys};
 *   <li>{@code map-type=atomic|granular}: {@code x-kubernetes-map-type};
 *   <li>{@code enum=A,B}: allowed values; {@code format=byte}: the string format. Both apply to the
 *       values of an array or map field, not to the field itself.
 * </ul>
 *
 * Immutable after construction.
 */
final class FieldFacts {
  private static final Set<String> DIRECTIVES =
      Set.of("required", "merge-key", "strategy", "list", "map-keys", "map-type", "enum", "format");

  private final DataFile file;

  FieldFacts(DataFile file) {
    this.file = file;
    for (var e : file.entries().entrySet()) {
      parse(e.getKey(), e.getValue());
    }
  }

  DataFile file() {
    return file;
  }

  /** The facts for {@code key}, or none. */
  Facts of(String key) {
    String value = file.get(key);
    return value == null ? Facts.NONE : parse(key, value);
  }

  /**
   * The directives of one key.
   *
   * @param enumValues empty when the field is not an enumeration
   */
  record Facts(
      boolean required,
      String mergeKey,
      String strategy,
      String listType,
      List<String> mapKeys,
      String mapType,
      List<String> enumValues,
      String format) {
    static final Facts NONE = new Facts(false, null, null, null, List.of(), null, List.of(), null);

    /**
     * Writes the patch and list extensions onto {@code property}, and the enum and format onto
     * {@code leaf} (the property itself, or its {@code items}/{@code additionalProperties}).
     */
    void applyTo(ObjectNode property, ObjectNode leaf) {
      putIfSet(property, "x-kubernetes-patch-merge-key", mergeKey);
      putIfSet(property, "x-kubernetes-patch-strategy", strategy);
      putIfSet(property, "x-kubernetes-list-type", listType);
      if (!mapKeys.isEmpty()) {
        ArrayNode keys = property.putArray("x-kubernetes-list-map-keys");
        mapKeys.forEach(keys::add);
      }
      putIfSet(property, "x-kubernetes-map-type", mapType);
      putIfSet(leaf, "format", format);
      if (!enumValues.isEmpty()) {
        ArrayNode values = leaf.putArray("enum");
        enumValues.forEach(values::add);
      }
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
      if (value != null) {
        node.put(name, value);
      }
    }
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalStateException on an unknown directive, so a typo fails the first build (and the
   *     tests) instead of silently dropping a fact
   */
  private static Facts parse(String key, String value) {
    boolean required = false;
    String mergeKey = null;
    String strategy = null;
    String listType = null;
    List<String> mapKeys = List.of();
    String mapType = null;
    List<String> enumValues = List.of();
    String format = null;
    for (String part : value.split(";")) {
      String d = part.trim();
      if (d.isEmpty()) {
        continue;
      }
      int eq = d.indexOf('=');
      String name = eq < 0 ? d : d.substring(0, eq).trim();
      String arg = eq < 0 ? "" : d.substring(eq + 1).trim();
      if (!DIRECTIVES.contains(name) || (eq < 0) != name.equals("required")) {
        throw new IllegalStateException(
            "field-facts.properties: bad directive '" + d + "' in " + key);
      }
      switch (name) {
        case "required" -> required = true;
        case "merge-key" -> mergeKey = arg;
        case "strategy" -> strategy = arg;
        case "list" -> listType = arg;
        case "map-keys" -> mapKeys = list(arg);
        case "map-type" -> mapType = arg;
        case "enum" -> enumValues = list(arg);
        default -> format = arg;
      }
    }
    return new Facts(required, mergeKey, strategy, listType, mapKeys, mapType, enumValues, format);
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return List.copyOf(out);
  }
}
