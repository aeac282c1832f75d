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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc autoscale}: creates an {@code autoscaling/v1} HorizontalPodAutoscaler named like the
 * scaled object. kubectl POSTs it as protobuf; kc sends the same object as JSON.
 */
@Command(name = "autoscale", description = AutoscaleCommand.DESCRIPTION)
public final class AutoscaleCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION =
      "Auto-scale a deployment, replica set, stateful set, or replication controller.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--min",
      defaultValue = "-1",
      paramLabel = "MINPODS",
      description = "Lower limit.")
  int min;

  @Option(
      names = "--max",
      defaultValue = "-1",
      paramLabel = "MAXPODS",
      description = "Upper limit.")
  int max;

  @Option(
      names = "--cpu-percent",
      defaultValue = "-1",
      paramLabel = "PERCENT",
      description = "Target average CPU utilization over all the pods.")
  int cpuPercent;

  @Option(names = "--name", paramLabel = "NAME", description = "The name of the new autoscaler.")
  String name;

  @Option(
      names = "--field-manager",
      defaultValue = "kubectl-autoscale",
      paramLabel = "NAME",
      description = "Name of the manager used to track field ownership.")
  String fieldManager;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: json, yaml or name.")
  String output;

  @Override
  public Integer call() {
    if (!spec.commandLine().getParseResult().hasMatchedOption("--max")) {
      throw new CliException(Klog.commandFailed("required flag(s) \"max\" not set"));
    }
    if (max < 1) {
      throw CliException.error("--max=MAXPODS is required and must be at least 1, max: " + max);
    }
    if (max < min) {
      throw CliException.error(
          "--max=MAXPODS must be larger or equal to --min=MINPODS, max: " + max + ", min: " + min);
    }
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    WriteOutput report = new WriteOutput(output, spec.commandLine().getOut());
    for (Targets.Target t : Targets.resolve(args, session.discovery(), "autoscale")) {
      Map<String, Object> target = Patches.get(c, t, ns);
      Map<String, Object> hpa = hpa(target, name == null ? t.name() : name);
      String path =
          "/apis/autoscaling/v1/namespaces/"
              + dev.kc.cli.client.ResourceType.encode(ns)
              + "/horizontalpodautoscalers"
              + new Query().add("fieldManager", fieldManager);
      Map<String, Object> created =
          Json.obj(
              c.sendJson("POST", path, RestClient.JSON, hpa, "create horizontalpodautoscaler"));
      report.report(
          "horizontalpodautoscaler.autoscaling",
          Json.str(hpa, "metadata", "name"),
          "autoscaled",
          created);
    }
    return 0;
  }

  private Map<String, Object> hpa(Map<String, Object> target, String hpaName) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("kind", target.get("kind"));
    ref.put("name", Json.str(target, "metadata", "name"));
    ref.put("apiVersion", target.get("apiVersion"));
    Map<String, Object> hpaSpec = new LinkedHashMap<>();
    hpaSpec.put("scaleTargetRef", ref);
    if (min > -1) {
      hpaSpec.put("minReplicas", min);
    }
    hpaSpec.put("maxReplicas", max);
    if (cpuPercent >= 0) {
      hpaSpec.put("targetCPUUtilizationPercentage", cpuPercent);
    }
    Map<String, Object> hpa = new LinkedHashMap<>();
    hpa.put("kind", "HorizontalPodAutoscaler");
    hpa.put("apiVersion", "autoscaling/v1");
    hpa.put("metadata", Map.of("name", hpaName));
    hpa.put("spec", hpaSpec);
    return hpa;
  }
}
