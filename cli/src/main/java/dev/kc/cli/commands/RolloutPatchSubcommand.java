package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rollout pause|resume|restart}: GET each object, change a copy, send the two-way strategic
 * merge patch with {@code fieldManager=kubectl-rollout}. Refusals ({@code is already paused}...)
 * are checked client side, collected and printed at the end as {@code error: deployments.apps "x"
 * is already paused}.
 */
abstract class RolloutPatchSubcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Selector (label query) to filter on.")
  String selector;

  @Option(
      names = "--field-manager",
      defaultValue = "kubectl-rollout",
      paramLabel = "NAME",
      description = "Name of the manager used to track field ownership.")
  String fieldManager;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: json, yaml or name.")
  String output;

  /**
   * Changes a copy of the object.
   *
   * @return {@code null} when changed, else the refusal (e.g. {@code is already paused})
   */
  abstract String change(Map<String, Object> obj);

  /** The result word, e.g. {@code paused}. */
  abstract String result();

  @Override
  public Integer call() {
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    WriteOutput report = new WriteOutput(output, spec.commandLine().getOut());
    List<String> errors = new ArrayList<>();
    for (Targets.Target t : Targets.resolveSelected(args, session, "rollout", selector, false)) {
      Map<String, Object> before;
      try {
        before = Patches.get(c, t, ns);
      } catch (ApiException e) {
        errors.add(e.standardMessage());
        continue;
      }
      Map<String, Object> after = Json.copy(before);
      String refusal = change(after);
      if (refusal != null) {
        errors.add("error: " + t.type().groupResource() + " \"" + t.name() + "\" " + refusal);
        continue;
      }
      Map<String, Object> patch = Patches.twoWay(before, after);
      Map<String, Object> answer = Patches.patch(c, t, ns, Patches.STRATEGIC, patch, fieldManager);
      report.report(t.type().kindGroup(), t.name(), result(), answer);
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }

  static boolean isPaused(Map<String, Object> obj) {
    return Boolean.TRUE.equals(Json.at(obj, "spec", "paused"));
  }
}
