package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.ObjectPrinter;
import dev.kc.cli.output.TabWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc rollout history}: the revisions of a deployment, read from the ReplicaSets it controls
 * ; {@code --revision=N} shows that revision's pod template.
 */
@Command(name = "history", description = "View rollout history.")
final class RolloutHistoryCommand implements Callable<Integer> {

  static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--revision",
      defaultValue = "0",
      paramLabel = "N",
      description = "See the details, including podTemplate of the revision specified.")
  long revision;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: json or yaml (with --revision: the ReplicaSet).")
  String output;

  @Override
  public Integer call() {
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    PrintWriter out = spec.commandLine().getOut();
    ObjectPrinter printer = ObjectPrinter.forOutput(output);
    for (Targets.Target t : Targets.resolve(args, session.discovery(), "rollout history")) {
      // kubectl's builder reads the object, then its history viewer reads it again.
      Patches.get(c, t, ns);
      Map<String, Object> d = Patches.get(c, t, ns);
      if (!"Deployment".equals(d.get("kind"))) {
        throw CliException.error("no history viewer has been implemented for " + d.get("kind"));
      }
      TreeMap<Long, Map<String, Object>> history = Rollouts.history(c, session.discovery(), d, ns);
      String ref = t.type().kindGroup() + "/" + t.name();
      if (revision > 0 && history.isEmpty() && printer == null) {
        out.print(ref + " with revision #" + revision + "\n" + table(history) + "\n");
      } else if (revision > 0) {
        Map<String, Object> rs = history.get(revision);
        if (rs == null) {
          throw CliException.error("unable to find the specified revision");
        }
        if (printer != null) {
          printer.print(rs, out);
          continue;
        }
        out.print(ref + " with revision #" + revision + "\n");
        out.print(PodTemplateText.describe(templateWithCause(rs)) + "\n");
      } else if (printer != null) {
        for (Map<String, Object> rs : history.values()) {
          printer.print(rs, out);
        }
      } else {
        out.print(ref + " \n" + table(history) + "\n");
      }
      out.flush();
    }
    return 0;
  }

  /** The ReplicaSet's pod template with its change cause added, as kubectl shows it. */
  private static Map<String, Object> templateWithCause(Map<String, Object> rs) {
    Map<String, Object> template = Json.copy(Json.obj(rs, "spec", "template"));
    String cause = Rollouts.annotation(rs, CHANGE_CAUSE);
    if (template != null && cause != null && !cause.isEmpty()) {
      Json.child(Json.child(template, "metadata"), "annotations").put(CHANGE_CAUSE, cause);
    }
    return template;
  }

  private static String table(TreeMap<Long, Map<String, Object>> history) {
    if (history.isEmpty()) {
      return "No rollout history found.";
    }
    StringBuilder sb = new StringBuilder();
    TabWriter tw = new TabWriter(sb, 0, 2);
    tw.print("REVISION\tCHANGE-CAUSE\n");
    for (Map.Entry<Long, Map<String, Object>> e : history.entrySet()) {
      String cause = Rollouts.annotation(e.getValue(), CHANGE_CAUSE);
      tw.print(e.getKey() + "\t" + (cause == null || cause.isEmpty() ? "<none>" : cause) + "\n");
    }
    tw.flush();
    return sb.toString();
  }
}
