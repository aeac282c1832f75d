package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc rollout undo}: puts an older ReplicaSet's pod template (and annotations) back on the
 * deployment with a JSON patch, after kubectl's client-side checks (kubectl's {@code
 * DeploymentRollbacker}).
 */
@Command(name = "undo", description = "Undo a previous rollout.")
final class RolloutUndoCommand implements Callable<Integer> {

  /** Deployment annotations the rollback keeps from the deployment, not from the ReplicaSet. */
  private static final Set<String> SKIPPED =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          Rollouts.REVISION,
          "deployment.kubernetes.io/revision-history",
          "deployment.kubernetes.io/desired-replicas",
          "deployment.kubernetes.io/max-replicas",
          "deprecated.deployment.rollback.to");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--to-revision",
      defaultValue = "0",
      paramLabel = "N",
      description = "The revision to rollback to. Default to 0 (last revision).")
  long toRevision;

  @Option(
      names = "--dry-run",
      defaultValue = "none",
      paramLabel = "none|server|client",
      description = "With server, the patch is sent with dryRun=All.")
  String dryRun;

  @Override
  public Integer call() {
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    for (Targets.Target t : Targets.resolve(args, session.discovery(), "rollout undo")) {
      Patches.get(c, t, ns);
      Map<String, Object> d = Patches.get(c, t, ns);
      if (!"Deployment".equals(d.get("kind"))) {
        throw CliException.error("no rollbacker has been implemented for " + d.get("kind"));
      }
      String result = rollback(c, t, ns, d, Rollouts.history(c, session.discovery(), d, ns));
      if ("server".equals(dryRun)) {
        result += " (server dry run)";
      }
      spec.commandLine()
          .getOut()
          .print(t.type().kindGroup() + "/" + t.name() + " " + result + "\n");
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  private String rollback(
      RestClient c,
      Targets.Target t,
      String ns,
      Map<String, Object> d,
      TreeMap<Long, Map<String, Object>> history) {
    if (toRevision < 0) {
      throw CliException.error("unable to find specified revision " + toRevision + " in history");
    }
    Map<String, Object> target = target(d, history);
    if (RolloutPatchSubcommand.isPaused(d)) {
      throw CliException.error(
          "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume'"
              + " and try again");
    }
    Map<String, Object> template = Rollouts.withoutHash(Json.obj(target, "spec", "template"));
    if (Rollouts.equalIgnoreHash(template, Json.obj(d, "spec", "template"))) {
      return "skipped rollback (current template already matches revision " + toRevision + ")";
    }
    // kubectl marshals the Go struct, so the template's metadata starts with a null timestamp.
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("creationTimestamp", null);
    Map<String, Object> oldMeta = Json.obj(template, "metadata");
    if (oldMeta != null) {
      oldMeta.remove("creationTimestamp");
      meta.putAll(oldMeta);
    }
    template.put("metadata", meta);
    Map<String, Object> annotations = new TreeMap<>();
    Map<String, Object> own = Json.obj(d, "metadata", "annotations");
    for (String k : SKIPPED) {
      if (own != null && own.get(k) != null) {
        annotations.put(k, own.get(k));
      }
    }
    Map<String, Object> rsAnnotations = Json.obj(target, "metadata", "annotations");
    if (rsAnnotations != null) {
      rsAnnotations.forEach(
          (k, v) -> {
            if (!SKIPPED.contains(k)) {
              annotations.put(k, v);
            }
          });
    }
    List<Object> patch =
        List.of(op("/spec/template", template), op("/metadata/annotations", annotations));
    String path =
        t.type().objectPath(ns, t.name())
            + new Query().add("dryRun", "server".equals(dryRun) ? "All" : null);
    c.sendJson("PATCH", path, Patches.JSON_PATCH, patch, "patch " + t.type().groupResource());
    return "rolled back";
  }

  private Map<String, Object> target(
      Map<String, Object> d, TreeMap<Long, Map<String, Object>> history) {
    if (toRevision > 0) {
      Map<String, Object> rs = history.get(toRevision);
      if (rs == null) {
        throw CliException.error("unable to find specified revision " + toRevision + " in history");
      }
      return rs;
    }
    if (history.size() < 2) {
      throw CliException.error(
          "no rollout history found for deployment \"" + Json.str(d, "metadata", "name") + "\"");
    }
    return history.lowerEntry(history.lastKey()).getValue();
  }

  private static Map<String, Object> op(String path, Object value) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("op", "replace");
    op.put("path", path);
    op.put("value", value);
    return op;
  }
}
