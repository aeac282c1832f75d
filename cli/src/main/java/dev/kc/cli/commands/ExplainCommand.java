package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc explain TYPE[.FIELD...]}: documentation of a resource or field from the server's
 * OpenAPI v3 schema, laid out like kubectl's plaintext template.
 */
@Command(name = "explain", description = ExplainCommand.DESCRIPTION)
public final class ExplainCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Get documentation for a resource.";

  private static final int WIDTH = 76;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE[.FIELD...]", arity = "0..1")
  String path;

  private Map<String, Object> schemas;

  @Override
  public Integer call() {
    if (path == null || path.isEmpty()) {
      throw CliException.error(
          "You must specify the type of resource to explain. Use \"kc api-resources\" for a"
              + " complete list of supported resources.");
    }
    String[] parts = path.split("\\.");
    Session session = KcCommand.of(spec).session();
    ResourceType t;
    try {
      t = session.discovery().resolve(parts[0]);
    } catch (CliException e) {
      // kubectl explain prints this one without the "error: " prefix.
      throw new CliException(e.getMessage().replaceFirst("^error: ", ""), e.exitCode());
    }
    RestClient c = session.client();
    Object index = c.getJson("/openapi/v3", RestClient.JSON, "get openapi");
    String key = t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.apiVersion();
    String url = Json.str(index, "paths", key, "serverRelativeURL");
    if (url == null) {
      throw CliException.error(
          "couldn't find resource for \"" + t.apiVersion() + ", Kind=" + t.kind() + "\"");
    }
    schemas = Json.obj(c.getJson(url, RestClient.JSON, "get openapi"), "components", "schemas");
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder sb = new StringBuilder();
    if (!t.group().isEmpty()) {
      sb.append("GROUP:      ").append(t.group()).append('\n');
    }
    sb.append("KIND:       ").append(t.kind()).append('\n');
    sb.append("VERSION:    ").append(t.version()).append("\n\n");
    Map<String, Object> schema = kindSchema(t);
    List<String> descriptions = new ArrayList<>();
    addDescription(descriptions, schema);
    String fieldLine = null;
    for (int i = 1; i < parts.length; i++) {
      Map<String, Object> field = Json.obj(elementOf(schema), "properties", parts[i]);
      if (field == null) {
        out.print(sb);
        out.flush();
        throw CliException.error("field \"" + parts[i] + "\" does not exist");
      }
      descriptions.clear();
      addDescription(descriptions, field);
      String enums = enumBlock(field);
      fieldLine =
          "FIELD: " + parts[i] + " <" + typeName(field) + ">\n" + (enums.isEmpty() ? "\n" : enums);
      schema = field;
      Map<String, Object> element = elementOf(field);
      if (element != field) {
        addDescription(descriptions, element);
      }
    }
    if (fieldLine != null) {
      sb.append(fieldLine).append('\n');
    }
    sb.append("DESCRIPTION:\n");
    for (String d : descriptions) {
      indent(sb, d, "    ");
    }
    sb.append("    \n");
    fields(sb, elementOf(schema));
    sb.append('\n');
    out.print(sb);
    out.flush();
    return 0;
  }

  private Map<String, Object> kindSchema(ResourceType t) {
    for (Object s : schemas.values()) {
      List<Object> gvks = Json.arr(s, "x-kubernetes-group-version-kind");
      for (Object g : gvks == null ? List.of() : gvks) {
        if (t.group().equals(Json.str(g, "group"))
            && t.version().equals(Json.str(g, "version"))
            && t.kind().equals(Json.str(g, "kind"))) {
          return Json.obj(s);
        }
      }
    }
    throw CliException.error(
        "couldn't find resource for \"" + t.apiVersion() + ", Kind=" + t.kind() + "\"");
  }

  /** The schema a field refers to ({@code $ref} or {@code allOf: [$ref]}), or the field itself. */
  private Map<String, Object> resolve(Map<String, Object> field) {
    String ref = ref(field);
    if (ref == null) {
      return field;
    }
    Map<String, Object> target = Json.obj(schemas, ref.substring(ref.lastIndexOf('/') + 1));
    return target == null ? field : target;
  }

  /** Follows arrays and maps down to the element schema (resolved). */
  private Map<String, Object> elementOf(Map<String, Object> schema) {
    Map<String, Object> s = resolve(schema);
    for (int guard = 0; guard < 5; guard++) {
      if ("array".equals(s.get("type")) && Json.obj(s, "items") != null) {
        s = resolve(Json.obj(s, "items"));
      } else if ("object".equals(s.get("type"))
          && Json.obj(s, "properties") == null
          && Json.obj(s, "additionalProperties") != null) {
        s = resolve(Json.obj(s, "additionalProperties"));
      } else {
        break;
      }
    }
    return s;
  }

  private static String ref(Map<String, Object> field) {
    String ref = Json.str(field, "$ref");
    List<Object> allOf = Json.arr(field, "allOf");
    if (ref == null && allOf != null && !allOf.isEmpty()) {
      ref = Json.str(allOf.get(0), "$ref");
    }
    return ref;
  }

  private String typeName(Map<String, Object> field) {
    String ref = ref(field);
    if (ref != null) {
      // A reference to a primitive schema (such as Time, a string) shows the primitive.
      Object targetType = Json.at(schemas, ref.substring(ref.lastIndexOf('/') + 1), "type");
      if (targetType instanceof String
          && !"object".equals(targetType)
          && !"array".equals(targetType)) {
        return (String) targetType;
      }
      return ref.substring(ref.lastIndexOf('.') + 1);
    }
    Object type = field.get("type");
    if ("array".equals(type)) {
      Map<String, Object> items = Json.obj(field, "items");
      return "[]" + (items == null ? "Object" : typeName(items));
    }
    if ("object".equals(type) || type == null) {
      Map<String, Object> additional = Json.obj(field, "additionalProperties");
      if (additional != null) {
        return "map[string]" + typeName(additional);
      }
      if (Boolean.TRUE.equals(field.get("x-kubernetes-int-or-string"))) {
        return "IntOrString";
      }
      return "Object";
    }
    return String.valueOf(type);
  }

  private static void addDescription(List<String> out, Map<String, Object> schema) {
    String d = Json.str(schema, "description");
    if (d != null && !d.isEmpty()) {
      out.add(d);
    }
  }

  private static String enumBlock(Map<String, Object> field) {
    List<Object> values = Json.arr(field, "enum");
    if (values == null || values.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("ENUM:\n");
    for (Object v : values) {
      sb.append("    ").append(v).append('\n');
    }
    return sb.toString();
  }

  private void fields(StringBuilder sb, Map<String, Object> schema) {
    Map<String, Object> props = Json.obj(schema, "properties");
    if (props == null || props.isEmpty()) {
      return;
    }
    List<Object> required = Json.arr(schema, "required");
    sb.append("FIELDS:\n");
    for (Map.Entry<String, Object> e : new TreeMap<>(props).entrySet()) {
      Map<String, Object> f = Json.obj(e.getValue());
      sb.append("  ").append(e.getKey()).append('\t').append('<').append(typeName(f)).append('>');
      if (required != null && required.contains(e.getKey())) {
        sb.append(" -required-");
      }
      sb.append('\n');
      List<Object> values = Json.arr(f, "enum");
      if (values != null && !values.isEmpty()) {
        List<String> texts = new ArrayList<>();
        // kubectl lists at most four values of a field's enum.
        values.stream().limit(4).forEach(v -> texts.add(String.valueOf(v)));
        if (values.size() > 4) {
          texts.add("....");
        }
        sb.append("  enum: ").append(String.join(", ", texts)).append('\n');
      }
      String d = Json.str(f, "description");
      indent(sb, d == null || d.isEmpty() ? "<no description>" : d, "    ");
      sb.append('\n');
    }
  }

  /** Appends {@code text} word-wrapped at {@link #WIDTH} columns, each line indented. */
  private static void indent(StringBuilder sb, String text, String prefix) {
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        if (line.length() > 0 && line.length() + 1 + word.length() > WIDTH) {
          sb.append(prefix).append(line).append('\n');
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      sb.append(prefix).append(line).append('\n');
    }
  }
}
