package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shared body of {@code label} and {@code annotate}: arguments are resources first, then {@code
 * key=value} and {@code key-} updates. Each object is read, changed locally and sent as the JSON
 * merge patch between before and after (kubectl's {@code CreateMergePatch}).
 */
abstract class MetadataMapCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME... KEY=VAL... KEY-...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Selector (label query) to filter on.")
  String selector;

  @Option(
      names = "--all",
      arity = "0..1",
      fallbackValue = "true",
      description = "Select all resources of the given types in the namespace.")
  boolean all;

  @Option(
      names = "--overwrite",
      arity = "0..1",
      fallbackValue = "true",
      description = "Allow existing keys to be overwritten.")
  boolean overwrite;

  @Option(
      names = "--resource-version",
      paramLabel = "VERSION",
      description = "Only update if the resource version is unchanged.")
  String resourceVersion;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: json, yaml or name.")
  String output;

  @Option(
      names = "--list",
      arity = "0..1",
      fallbackValue = "true",
      description = "List the current values instead of changing them.")
  boolean list;

  /** {@code labels} or {@code annotations}. */
  abstract String field();

  /** {@code label} or {@code annotation}, for messages. */
  abstract String noun();

  /** The field manager kubectl uses. */
  abstract String fieldManager();

  /** The error when a key would be overwritten without {@code --overwrite}. */
  abstract String overwriteError(String key, String current);

  /** The past-tense result word for one object. */
  abstract String result(String before, String after);

  @Override
  public Integer call() {
    List<String> resources = new ArrayList<>();
    Map<String, String> set = new LinkedHashMap<>();
    List<String> remove = new ArrayList<>();
    splitArgs(resources, set, remove);
    if (list) {
      return listValues(resources);
    }
    if (set.isEmpty() && remove.isEmpty()) {
      throw CliException.error("at least one " + noun() + " update is required");
    }
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    PrintWriter out = spec.commandLine().getOut();
    WriteOutput report = new WriteOutput(output, out);
    List<String> errors = new ArrayList<>();
    for (Targets.Target t :
        Targets.resolveSelected(resources, session, spec.name(), selector, all)) {
      Map<String, Object> before;
      try {
        before = Patches.get(c, t, ns);
      } catch (ApiException e) {
        errors.add(e.standardMessage());
        continue;
      }
      Map<String, Object> after = update(before, set, remove, out);
      Map<String, Object> patch = Patches.mergePatch(before, after);
      Map<String, Object> answer = Patches.patch(c, t, ns, Patches.MERGE, patch, fieldManager());
      String op = result(Json.compact(before), Json.compact(after));
      report.report(t.type().kindGroup(), t.name(), op, answer);
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }

  /** {@code --list}: prints {@code key=value} per line, sorted by key, for every object. */
  private int listValues(List<String> resources) {
    Session session = KcCommand.of(spec).session();
    PrintWriter out = spec.commandLine().getOut();
    for (Targets.Target t :
        Targets.resolveSelected(resources, session, spec.name(), selector, all)) {
      Map<String, Object> obj = Patches.get(session.client(), t, session.namespace());
      Map<String, Object> values = Json.obj(obj, "metadata", field());
      if (values != null) {
        new java.util.TreeMap<>(values).forEach((k, v) -> out.print(k + "=" + v + "\n"));
      }
    }
    out.flush();
    return 0;
  }

  private void splitArgs(List<String> resources, Map<String, String> set, List<String> remove) {
    boolean updates = false;
    for (String a : args) {
      boolean isUpdate = a.contains("=") || a.endsWith("-");
      if (!isUpdate && updates) {
        throw CliException.error(
            "all resources must be specified before " + noun() + " changes: " + a);
      }
      updates |= isUpdate;
      if (!isUpdate) {
        resources.add(a);
      } else if (a.contains("=")) {
        int eq = a.indexOf('=');
        set.put(a.substring(0, eq), a.substring(eq + 1));
      } else {
        remove.add(a.substring(0, a.length() - 1));
      }
    }
    for (String key : remove) {
      if (set.containsKey(key)) {
        throw CliException.error(
            "can not both modify and remove " + noun() + "s in the same command");
      }
    }
  }

  private Map<String, Object> update(
      Map<String, Object> before, Map<String, String> set, List<String> remove, PrintWriter out) {
    Map<String, Object> after = Json.copy(before);
    Map<String, Object> meta = Json.child(after, "metadata");
    Map<String, Object> current = Json.obj(meta, field());
    Map<String, Object> values = current == null ? new LinkedHashMap<>() : current;
    if (!overwrite) {
      List<String> errors = new ArrayList<>();
      for (Map.Entry<String, String> e : set.entrySet()) {
        Object old = values.get(e.getKey());
        if (old != null && !old.equals(e.getValue())) {
          errors.add(overwriteError(e.getKey(), String.valueOf(old)));
        }
      }
      if (!errors.isEmpty()) {
        throw CliException.error(String.join("\n", errors));
      }
    }
    for (String key : remove) {
      if (!values.containsKey(key) && noun().equals("label")) {
        out.print("label \"" + key + "\" not found.\n");
      }
      values.remove(key);
    }
    values.putAll(set);
    if (values.isEmpty()) {
      meta.remove(field());
    } else {
      meta.put(field(), values);
    }
    if (resourceVersion != null) {
      meta.put("resourceVersion", resourceVersion);
    }
    return after;
  }
}
