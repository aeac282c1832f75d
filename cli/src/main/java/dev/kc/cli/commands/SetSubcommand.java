package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flow shared by {@code set image} and {@code set resources}, as in kubectl: GET every object
 * first, change each copy locally, send the two-way strategic merge patch with {@code
 * fieldManager=kubectl-set}, and skip objects whose patch is empty. Errors about single objects are
 * printed after the others were handled.
 */
abstract class SetSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--record",
      arity = "0..1",
      fallbackValue = "true",
      description = "(Deprecated) Record the command in the change-cause annotation.")
  boolean record;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: json, yaml or name.")
  String output;

  @Option(
      names = "--field-manager",
      defaultValue = "kubectl-set",
      paramLabel = "NAME",
      description = "Name of the manager used to track field ownership.")
  String fieldManager;

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

  /** The resource arguments (after validating the command's own arguments). */
  abstract List<String> resources();

  /**
   * Changes one object's pod spec in place.
   *
   * @param errors where to add per-object errors (full lines, such as {@code error: ...})
   */
  abstract void update(Map<String, Object> podSpec, List<String> errors);

  /** The result word, e.g. {@code image updated}. */
  abstract String result();

  @Override
  public Integer call() {
    List<String> resources = resources();
    if (record) {
      spec.commandLine().getErr().println(ChangeCause.DEPRECATION);
    }
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    List<Targets.Target> targets =
        Targets.resolveSelected(resources, session, "set", selector, all);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Targets.Target t : targets) {
      objects.add(Patches.get(c, t, ns));
    }
    WriteOutput report = new WriteOutput(output, spec.commandLine().getOut());
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Targets.Target t = targets.get(i);
      Map<String, Object> before = objects.get(i);
      Map<String, Object> after = Json.copy(before);
      Map<String, Object> podSpec = PodTemplates.podSpec(after);
      if (podSpec == null) {
        errors.add("error: " + t.type().kindGroup() + "/" + t.name() + " has no pod template");
        continue;
      }
      update(podSpec, errors);
      if (record) {
        Json.child(Json.child(after, "metadata"), "annotations")
            .put(ChangeCause.ANNOTATION, ChangeCause.of(spec));
      }
      Map<String, Object> patch = Patches.twoWay(before, after);
      if (patch.isEmpty()) {
        continue;
      }
      Map<String, Object> answer = Patches.patch(c, t, ns, Patches.STRATEGIC, patch, fieldManager);
      report.report(t.type().kindGroup(), t.name(), result(), answer);
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }

  /** The containers of a pod spec, or an empty list. */
  static List<Map<String, Object>> containers(Map<String, Object> podSpec, String field) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> list = Json.arr(podSpec, field);
    if (list != null) {
      for (Object o : list) {
        if (o instanceof Map) {
          out.add(Json.obj(o));
        }
      }
    }
    return out;
  }

  /** Parses {@code cpu=200m,memory=512Mi}. */
  static Map<String, Object> parseResourceList(String text, String flag) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw CliException.error("invalid " + flag + " specification: " + pair);
      }
      out.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return out;
  }
}
