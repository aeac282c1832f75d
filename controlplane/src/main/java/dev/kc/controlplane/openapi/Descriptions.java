package dev.kc.controlplane.openapi;

/**
 * kc's own descriptions of types, fields and parameters, from {@code
 * /openapi/descriptions.properties}.
 *
 * <p>Keys:
 *
 * <ul>
 *   <li>{@code SchemaName}: a type, e.g. {@code io.k8s.api.apps.v1.DeploymentSpec};
 *   <li>{@code SchemaName.field}: a field of that type;
 *   <li>{@code @kind.field} and {@code @list.field}: fallbacks for the fields every kind or every
 *       list has ({@code apiVersion}, {@code metadata}, {@code items}...), and {@code @list} for
 *       list types; {@code {kind}} in them is replaced by the kind;
 *   <li>{@code param.name}: a query or path parameter of the API operations.
 * </ul>
 *
 * A missing key yields {@code null}: we leave a field undescribed rather than invent text.
 * Immutable after construction.
 */
final class Descriptions {
  /** What a schema is, for choosing fallback descriptions. */
  enum Role {
    KIND,
    LIST,
    OTHER
  }

  private final DataFile file;

  Descriptions(DataFile file) {
    this.file = file;
  }

  DataFile file() {
    return file;
  }

  /** The description of a type, or {@code null}. */
  String type(String schema, Role role, String kind) {
    String text = file.get(schema);
    if (text == null && role == Role.LIST) {
      text = template("@list", kind);
    }
    return text;
  }

  /** The description of {@code schema.field}, or {@code null}. */
  String field(String schema, String field, Role role, String kind) {
    String text = file.get(schema + "." + field);
    if (text == null && role == Role.KIND) {
      text = template("@kind." + field, kind);
    }
    if (text == null && role == Role.LIST) {
      text = template("@list." + field, kind);
    }
    return text;
  }

  /** The description of an operation parameter, or {@code null}. */
  String parameter(String name) {
    return file.get("param." + name);
  }

  private String template(String key, String kind) {
    String text = file.get(key);
    return text == null ? null : text.replace("{kind}", kind);
  }
}
