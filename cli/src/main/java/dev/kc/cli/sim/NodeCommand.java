package dev.kc.cli.sim;

import dev.kc.cli.CliException;
import dev.kc.cli.ExitCodes;
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

/** {@code kc node add|rm}: simulated nodes joining and leaving the cluster. */
@Command(
    name = "node",
    description = NodeCommand.DESCRIPTION,
    subcommands = {NodeCommand.Add.class, NodeCommand.Rm.class})
public final class NodeCommand implements Callable<Integer> {
  public static final String DESCRIPTION = "Add or remove simulated nodes.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code kc node add NAME [--cpu] [--memory] [--label k=v]... [--taint k=v:Effect]...}. */
  @Command(
      name = "add",
      description = "Add a simulated node.",
      footer = {
        "",
        "Examples:",
        "  kc node add kc-worker4",
        "  kc node add big --cpu 32 --memory 64Gi --label disk=ssd --taint gpu=true:NoSchedule"
      })
  public static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--cpu", description = "CPU capacity (default 8).")
    String cpu = "8";

    @Option(names = "--memory", description = "Memory capacity (default 16Gi).")
    String memory = "16Gi";

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(
        names = "--taint",
        paramLabel = "KEY[=VALUE]:EFFECT",
        description = "A taint; repeatable.")
    List<String> taints = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("cpu", cpu);
      body.put("memory", memory);
      Map<String, Object> l = new LinkedHashMap<>();
      for (String kv : labels) {
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw CliException.error("invalid label \"" + kv + "\": expected KEY=VALUE");
        }
        l.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      body.put("labels", l);
      body.put("taints", new ArrayList<Object>(taints));
      KcApi.post(spec, "/kc/v1/nodes", body);
      spec.commandLine().getOut().println("node/" + name + " added");
      return ExitCodes.OK;
    }
  }

  /** {@code kc node rm NAME}: the node leaves; its pods go with it. */
  @Command(name = "rm", aliases = "remove", description = "Remove a node; its pods are deleted.")
  public static final class Rm implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "1..*")
    List<String> names;

    @Override
    public Integer call() {
      for (String n : names) {
        KcApi.delete(spec, "/kc/v1/nodes/" + n);
        spec.commandLine().getOut().println("node/" + n + " removed");
      }
      return ExitCodes.OK;
    }
  }
}
