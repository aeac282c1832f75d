package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc scale}: sets {@code spec.replicas} through the {@code scale} subresource. Like kubectl
 * it GETs each object, then sends a merge patch to {@code .../scale}; with {@code
 * --current-replicas} or {@code --resource-version} it reads the Scale, checks the precondition
 * itself and PUTs the whole Scale back.
 */
@Command(name = "scale", description = ScaleCommand.DESCRIPTION)
public final class ScaleCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION =
      "Set a new size for a deployment, replica set, or replication controller.";

  private static final int UNSET = Integer.MIN_VALUE;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME...", arity = "0..*")
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

  @Option(names = "--replicas", paramLabel = "COUNT", description = "The new desired replicas.")
  int replicas = UNSET;

  @Option(
      names = "--current-replicas",
      defaultValue = "-1",
      paramLabel = "COUNT",
      description = "Precondition for current size (-1: no precondition).")
  int currentReplicas;

  @Option(
      names = "--resource-version",
      paramLabel = "VERSION",
      description = "Precondition for resource version.")
  String resourceVersion;

  @Option(
      names = "--record",
      arity = "0..1",
      fallbackValue = "true",
      description = "(Deprecated) Record the command in the change-cause annotation.")
  boolean record;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: name.")
  String output;

  @Override
  public Integer call() {
    if (replicas == UNSET) {
      throw new CliException(Klog.commandFailed("required flag(s) \"replicas\" not set"));
    }
    if (replicas < 0) {
      throw CliException.error(
          "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    }
    if (record) {
      spec.commandLine().getErr().println(ChangeCause.DEPRECATION);
    }
    KcCommand root = KcCommand.of(spec);
    Session session = root.session();
    RestClient c = session.client();
    String ns = session.namespace();
    List<Targets.Target> targets = Targets.resolveSelected(args, session, "scale", selector, all);
    WriteOutput report = new WriteOutput(output, spec.commandLine().getOut());
    // Like kubectl, read every object first; failed reads are reported after the others scaled,
    // or wrapped in "no objects passed to scale" when nothing could be read.
    List<Targets.Target> found = new ArrayList<>();
    List<Map<String, Object>> objects = new ArrayList<>();
    List<ApiException> failures = new ArrayList<>();
    for (Targets.Target t : targets) {
      try {
        objects.add(Patches.get(c, t, ns));
        found.add(t);
      } catch (ApiException e) {
        failures.add(e);
      }
    }
    if (found.isEmpty()) {
      throw CliException.error("no objects passed to scale " + failures.get(0).getMessage());
    }
    for (int i = 0; i < found.size(); i++) {
      Targets.Target t = found.get(i);
      Map<String, Object> obj = objects.get(i);
      scale(c, t, ns);
      if (record) {
        Map<String, Object> body =
            Map.of(
                "metadata",
                Map.of("annotations", Map.of(ChangeCause.ANNOTATION, ChangeCause.of(spec))));
        Patches.patch(c, t, ns, Patches.MERGE, body, null);
      }
      report.report(t.type().kindGroup(), t.name(), "scaled", obj);
    }
    if (!failures.isEmpty()) {
      List<String> lines = new ArrayList<>();
      failures.forEach(e -> lines.add(e.standardMessage()));
      throw new CliException(String.join("\n", lines));
    }
    return 0;
  }

  private void scale(RestClient c, Targets.Target t, String ns) {
    String path = t.type().objectPath(ns, t.name()) + "/scale";
    String what = t.type().groupResource() + " " + t.name();
    if (currentReplicas == -1 && resourceVersion == null) {
      Map<String, Object> body = Map.of("spec", Map.of("replicas", replicas));
      c.sendJson("PATCH", path, Patches.MERGE, body, "patch " + what);
      return;
    }
    Map<String, Object> scale = Json.obj(c.getJson(path, RestClient.JSON, "get " + what));
    checkPreconditions(scale);
    Map<String, Object> specMap = Json.obj(scale, "spec");
    if (specMap == null) {
      specMap = new LinkedHashMap<>();
      scale.put("spec", specMap);
    }
    specMap.put("replicas", replicas);
    c.sendJson("PUT", path, null, scale, "update " + what);
  }

  private void checkPreconditions(Map<String, Object> scale) {
    Object current = Json.at(scale, "spec", "replicas");
    long size = current instanceof Number ? ((Number) current).longValue() : 0;
    if (currentReplicas != -1 && size != currentReplicas) {
      throw CliException.error("Expected replicas to be " + currentReplicas + ", was " + size);
    }
    String rv = Json.str(scale, "metadata", "resourceVersion");
    if (resourceVersion != null && !resourceVersion.equals(rv)) {
      throw CliException.error("Expected resourceVersion to be " + resourceVersion + ", was " + rv);
    }
  }
}
