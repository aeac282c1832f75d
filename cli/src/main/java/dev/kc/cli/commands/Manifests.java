package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.client.Discovery;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.json.Json;
import dev.kc.cli.json.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the objects named by {@code -f} (files, directories, {@code -} for stdin) the way kubectl's
 * resource builder does: multi-document YAML or JSON streams, {@code *List} kinds expanded,
 * directories filtered to {@code .json/.yaml/.yml} (recursing with {@code -R}), and each object
 * mapped to its resource type and namespace.
 *
 * <p>Problems with single documents do not stop the others; they are returned in {@link
 * Result#errors()} in the order met.
 */
final class Manifests {

  /**
   * One object to act on.
   *
   * @param source where it came from, as kubectl names it (the path, or {@code STDIN})
   * @param object the object, with {@code metadata.namespace} set for namespaced types
   * @param type its resource type
   * @param namespace its namespace, or {@code null} for cluster-scoped types
   * @param name its {@code metadata.name} (may be empty)
   */
  record Item(
      String source,
      Map<String, Object> object,
      ResourceType type,
      String namespace,
      String name) {}

  /** The objects found and the errors met. */
  record Result(List<Item> items, List<RuntimeException> errors) {}

  private Manifests() {}

  /**
   * Reads and maps all objects.
   *
   * @param paths the {@code -f} values
   * @param recursive {@code -R}
   * @param stdin standard input for {@code -}
   * @param defaultNamespace namespace for objects without one
   * @param enforceNamespace true when {@code -n} was given: objects naming another namespace are
   *     errors
   * @throws CliException when a path does not exist (nothing is read then)
   */
  static Result read(
      List<String> paths,
      boolean recursive,
      InputStream stdin,
      Discovery discovery,
      String defaultNamespace,
      boolean enforceNamespace) {
    List<String[]> sources = new ArrayList<>();
    for (String p : paths) {
      collectSources(p, recursive, sources);
    }
    List<Item> items = new ArrayList<>();
    List<RuntimeException> errors = new ArrayList<>();
    for (String[] src : sources) {
      String source = src[0];
      String text;
      try {
        text = src[1] == null ? readFile(source) : readStdin(stdin);
      } catch (IOException e) {
        errors.add(CliException.error("error reading " + source + ": " + e.getMessage()));
        continue;
      }
      for (Map<String, Object> obj : decode(source, text, errors)) {
        Item item = map(source, obj, discovery, defaultNamespace, enforceNamespace, errors);
        if (item != null) {
          items.add(item);
        }
      }
    }
    return new Result(items, errors);
  }

  private static void collectSources(String p, boolean recursive, List<String[]> out) {
    if (p.equals("-")) {
      out.add(new String[] {"STDIN", "stdin"});
      return;
    }
    Path path = Path.of(p);
    if (!Files.exists(path)) {
      throw CliException.error("the path \"" + p + "\" does not exist");
    }
    if (!Files.isDirectory(path)) {
      out.add(new String[] {p, null});
      return;
    }
    try (Stream<Path> walk = recursive ? Files.walk(path) : Files.list(path)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> hasManifestExtension(f.getFileName().toString()))
          .map(Path::toString)
          .sorted()
          .forEach(f -> out.add(new String[] {f, null}));
    } catch (IOException e) {
      throw CliException.error("error reading " + p + ": " + e.getMessage());
    }
  }

  private static boolean hasManifestExtension(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
  }

  private static String readFile(String source) throws IOException {
    return Files.readString(Path.of(source), StandardCharsets.UTF_8);
  }

  private static String readStdin(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** Decodes a stream into objects, expanding lists; stops the source at a syntax error. */
  static List<Map<String, Object>> decode(
      String source, String text, List<RuntimeException> errors) {
    List<Object> docs;
    try {
      String trimmed = text.stripLeading();
      docs =
          trimmed.startsWith("{") || trimmed.startsWith("[")
              ? Json.parseAll(text)
              : Yaml.parseAll(text);
    } catch (Yaml.YamlException e) {
      errors.add(
          CliException.error(
              "error parsing "
                  + source
                  + ": error converting YAML to JSON: yaml: line "
                  + e.line()
                  + ": "
                  + e.getMessage()));
      return List.of();
    } catch (Json.JsonException e) {
      errors.add(CliException.error("error parsing " + source + ": " + e.getMessage()));
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : docs) {
      expand(source, doc, out, errors);
    }
    return out;
  }

  private static void expand(
      String source, Object doc, List<Map<String, Object>> out, List<RuntimeException> errors) {
    Map<String, Object> obj = Json.obj(doc);
    if (obj == null) {
      errors.add(
          CliException.error(
              "unable to decode \""
                  + source
                  + "\": json: cannot"
                  + " unmarshal "
                  + goType(doc)
                  + " into Go value of type map[string]interface {}"));
      return;
    }
    String kind = Json.str(obj, "kind");
    List<Object> items = Json.arr(obj, "items");
    if (kind != null && kind.endsWith("List") && items != null) {
      for (Object item : items) {
        expand(source, item, out, errors);
      }
      return;
    }
    if (kind == null || kind.isEmpty()) {
      errors.add(
          CliException.error(
              "unable to decode \""
                  + source
                  + "\": Object 'Kind' is missing in '"
                  + Json.compact(obj)
                  + "'"));
      return;
    }
    out.add(obj);
  }

  private static String goType(Object doc) {
    if (doc instanceof List) {
      return "array";
    }
    if (doc instanceof String) {
      return "string";
    }
    if (doc instanceof Number) {
      return "number";
    }
    return "bool";
  }

  private static Item map(
      String source,
      Map<String, Object> obj,
      Discovery discovery,
      String defaultNamespace,
      boolean enforceNamespace,
      List<RuntimeException> errors) {
    String apiVersion = Json.str(obj, "apiVersion");
    String kind = Json.str(obj, "kind");
    String name = Json.str(obj, "metadata", "name");
    String objNs = Json.str(obj, "metadata", "namespace");
    ResourceType type = apiVersion == null ? null : discovery.forKind(apiVersion, kind);
    if (type == null) {
      errors.add(
          CliException.error(
              "resource mapping not found for name: \""
                  + (name == null ? "" : name)
                  + "\" namespace: \""
                  + (objNs == null ? "" : objNs)
                  + "\" from \""
                  + source
                  + "\": no matches for kind \""
                  + kind
                  + "\" in version \""
                  + (apiVersion == null ? "" : apiVersion)
                  + "\"\nensure CRDs are installed first"));
      return null;
    }
    String ns = null;
    if (type.namespaced()) {
      if (objNs == null || objNs.isEmpty()) {
        ns = defaultNamespace;
      } else if (enforceNamespace && !objNs.equals(defaultNamespace)) {
        errors.add(
            CliException.error(
                "the namespace from the provided object \""
                    + objNs
                    + "\" does not match the namespace \""
                    + defaultNamespace
                    + "\". You must pass"
                    + " '--namespace="
                    + objNs
                    + "' to perform this operation."));
        return null;
      } else {
        ns = objNs;
      }
      Json.child(obj, "metadata").put("namespace", ns);
    }
    return new Item(source, obj, type, ns, name == null ? "" : name);
  }

  /** kubectl's description of an object in error messages (resource.Info's String form). */
  static String describe(Item item) {
    ResourceType t = item.type();
    String gv = t.group().isEmpty() ? "/" + t.version() : t.group() + "/" + t.version();
    return "Resource: \""
        + gv
        + ", Resource="
        + t.resource()
        + "\", GroupVersionKind: \""
        + gv
        + ", Kind="
        + t.kind()
        + "\"\nName: \""
        + item.name()
        + "\", Namespace: \""
        + (item.namespace() == null ? "" : item.namespace())
        + "\"";
  }
}
