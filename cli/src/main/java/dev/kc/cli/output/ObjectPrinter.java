package dev.kc.cli.output;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The non-table output formats of {@code -o}: {@code yaml}, {@code json}, {@code name} and {@code
 * jsonpath=TEMPLATE}. A printer may print several objects in a row (watch); YAML documents after
 * the first are preceded by {@code ---}, as kubectl does.
 */
public final class ObjectPrinter {

  /** The formats. */
  public enum Format {
    YAML,
    JSON,
    NAME,
    JSONPATH
  }

  private final Format format;
  private final JsonPath jsonPath;
  private boolean showManagedFields;
  private int printed;

  private ObjectPrinter(Format format, JsonPath jsonPath) {
    this.format = format;
    this.jsonPath = jsonPath;
  }

  /**
   * Interprets an {@code -o} value.
   *
   * @return the printer, or {@code null} for human-readable output ({@code ""} or {@code wide})
   * @throws CliException for an unknown format or a bad JSONPath template
   */
  public static ObjectPrinter forOutput(String output) {
    if (output == null || output.isEmpty() || output.equals("wide")) {
      return null;
    }
    switch (output) {
      case "yaml":
        return new ObjectPrinter(Format.YAML, null);
      case "json":
        return new ObjectPrinter(Format.JSON, null);
      case "name":
        return new ObjectPrinter(Format.NAME, null);
      case "jsonpath":
        throw CliException.error("template format specified but no template given");
      default:
    }
    if (output.startsWith("jsonpath=")) {
      String template = output.substring("jsonpath=".length());
      if (template.isEmpty()) {
        throw CliException.error("template format specified but no template given");
      }
      return new ObjectPrinter(Format.JSONPATH, JsonPath.parse(template));
    }
    throw CliException.error(
        "unable to match a printer suitable for the output format \""
            + output
            + "\", allowed formats are: json,jsonpath,name,wide,yaml");
  }

  /** The format. */
  public Format format() {
    return format;
  }

  /**
   * Keeps {@code metadata.managedFields} in yaml and json output. By default they are left out, as
   * kubectl does unless {@code --show-managed-fields} is given. Returns this printer.
   */
  public ObjectPrinter showManagedFields(boolean show) {
    this.showManagedFields = show;
    return this;
  }

  /** Prints one object (or a List, which {@code name} expands into its items). */
  public void print(Object obj, PrintWriter out) {
    if (!showManagedFields && (format == Format.YAML || format == Format.JSON)) {
      obj = withoutManagedFields(obj);
    }
    switch (format) {
      case YAML:
        if (printed++ > 0) {
          out.print("---\n");
        }
        out.print(YamlWriter.write(obj));
        break;
      case JSON:
        out.print(Json.pretty(obj));
        out.print('\n');
        break;
      case NAME:
        List<Object> items = Json.arr(obj, "items");
        if (items != null && String.valueOf(Json.str(obj, "kind")).endsWith("List")) {
          for (Object item : items) {
            out.print(name(item) + "\n");
          }
        } else {
          out.print(name(obj) + "\n");
        }
        break;
      default:
        out.print(jsonPath.execute(obj));
    }
    out.flush();
  }

  /**
   * A copy without {@code metadata.managedFields} on the object, on the items of a list and on the
   * object of a watch event; the input is not changed.
   */
  static Object withoutManagedFields(Object obj) {
    Map<String, Object> m = Json.obj(obj);
    if (m == null) {
      return obj;
    }
    boolean hasItems = Json.arr(m, "items") != null;
    boolean isEvent = m.containsKey("type") && Json.obj(m, "object") != null;
    boolean hasFields = Json.at(m, "metadata", "managedFields") != null;
    if (!hasItems && !isEvent && !hasFields) {
      return obj;
    }
    Map<String, Object> copy = new LinkedHashMap<>(m);
    if (hasFields) {
      Map<String, Object> meta = new LinkedHashMap<>(Json.obj(m, "metadata"));
      meta.remove("managedFields");
      copy.put("metadata", meta);
    }
    if (hasItems) {
      List<Object> items = new ArrayList<>();
      for (Object item : Json.arr(m, "items")) {
        items.add(withoutManagedFields(item));
      }
      copy.put("items", items);
    }
    if (isEvent) {
      copy.put("object", withoutManagedFields(m.get("object")));
    }
    return copy;
  }

  /** {@code kind.group/name} for an object, e.g. {@code deployment.apps/web} or {@code pod/x}. */
  public static String name(Object obj) {
    String kind = Json.str(obj, "kind");
    String apiVersion = Json.str(obj, "apiVersion");
    String name = Json.str(obj, "metadata", "name");
    return kindGroup(kind, apiVersion) + "/" + (name == null ? "" : name);
  }

  /** {@code kind.group} (or {@code kind} for the core group), lower-cased kind. */
  public static String kindGroup(String kind, String apiVersion) {
    String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? k : k + "." + apiVersion.substring(0, slash);
  }
}
