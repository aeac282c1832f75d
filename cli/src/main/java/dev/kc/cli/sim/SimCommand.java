package dev.kc.cli.sim;

import dev.kc.cli.CliException;
import dev.kc.cli.ExitCodes;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kc sim}: drive the simulation — its clock, faults and DNS. */
@Command(
    name = "sim",
    description = SimCommand.DESCRIPTION,
    subcommands = {
      SimCommand.Clock.class,
      SimCommand.Crash.class,
      SimCommand.Readiness.class,
      SimCommand.Unpullable.class,
      SimCommand.NodeState.class,
      SimCommand.Dns.class
    })
public final class SimCommand implements Callable<Integer> {
  public static final String DESCRIPTION =
      "Drive the simulation: move the virtual clock, inject faults, resolve names.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code kc sim clock [advance DURATION]}. */
  @Command(
      name = "clock",
      description = "Print the cluster's time, or move a virtual clock forward.",
      subcommands = Advance.class,
      footer = {
        "",
        "Examples:",
        "  kc sim clock",
        "  kc sim clock advance 30s",
        "  kc sim clock advance 1h30m"
      })
  public static final class Clock implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Object c = KcApi.get(spec, "/kc/v1/clock");
      spec.commandLine().getOut().println(Json.str(c, "time") + " (" + Json.str(c, "mode") + ")");
      return ExitCodes.OK;
    }
  }

  /** {@code kc sim clock advance DURATION}: returns once the cluster has settled. */
  @Command(
      name = "advance",
      description =
          "Move a virtual clock forward; returns once everything due has run and the"
              + " cluster has settled.")
  public static final class Advance implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DURATION", description = "How far to move: 30s, 5m, 1h30m.")
    String duration;

    @Override
    public Integer call() {
      Object c = KcApi.post(spec, "/kc/v1/clock/advance?duration=" + KcApi.encode(duration), null);
      spec.commandLine().getOut().println("clock advanced to " + Json.str(c, "time"));
      return ExitCodes.OK;
    }
  }

  /** {@code kc sim crash POD}: the container's process exits. */
  @Command(name = "crash", description = "Make a container's process exit (as if it crashed).")
  public static final class Crash implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "POD")
    String pod;

    @Option(
        names = {"-c", "--container"},
        description = "Container (default: the first).")
    String container = "";

    @Option(names = "--exit-code", description = "Exit code of the crash (default 1).")
    int exitCode = 1;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("container", container);
      body.put("exitCode", (long) exitCode);
      KcApi.post(spec, podPath(spec, pod, "crash"), body);
      spec.commandLine().getOut().println("pod/" + pod + " crashed");
      return ExitCodes.OK;
    }
  }

  /** {@code kc sim readiness POD --fail|--pass|--clear}. */
  @Command(
      name = "readiness",
      description = "Force a container's readiness probe to fail or pass, or stop forcing it.")
  public static final class Readiness implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "POD")
    String pod;

    @Option(
        names = {"-c", "--container"},
        description = "Container (default: the first).")
    String container = "";

    @Option(names = "--fail", description = "Readiness probes fail.")
    boolean fail;

    @Option(names = "--pass", description = "Readiness probes pass.")
    boolean pass;

    @Option(names = "--clear", description = "Probes run as written again.")
    boolean clear;

    @Override
    public Integer call() {
      if ((fail ? 1 : 0) + (pass ? 1 : 0) + (clear ? 1 : 0) != 1) {
        throw CliException.error("exactly one of --fail, --pass or --clear is required");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("container", container);
      body.put("pass", clear ? null : Boolean.valueOf(pass));
      KcApi.post(spec, podPath(spec, pod, "readiness"), body);
      String what = clear ? "cleared" : pass ? "forced to pass" : "forced to fail";
      spec.commandLine().getOut().println("pod/" + pod + " readiness " + what);
      return ExitCodes.OK;
    }
  }

  /** {@code kc sim unpullable IMAGE [--off]}. */
  @Command(
      name = "unpullable",
      description = "Make pulls of an image fail (or, with --off, succeed again).")
  public static final class Unpullable implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IMAGE")
    String image;

    @Option(names = "--off", description = "Let the image be pulled again.")
    boolean off;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("image", image);
      body.put("broken", !off);
      KcApi.post(spec, "/kc/v1/images/unpullable", body);
      spec.commandLine()
          .getOut()
          .println("image " + image + (off ? " pullable again" : " unpullable"));
      return ExitCodes.OK;
    }
  }

  /** {@code kc sim node NODE --not-ready|--ready}. */
  @Command(
      name = "node",
      description = "Take a node's kubelet down (--not-ready) or bring it back (--ready).")
  public static final class NodeState implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NODE")
    String node;

    @Option(names = "--not-ready", description = "Stop the node's kubelet: no heartbeats, no work.")
    boolean down;

    @Option(names = "--ready", description = "Start it again.")
    boolean up;

    @Override
    public Integer call() {
      if (down == up) {
        throw CliException.error("exactly one of --not-ready or --ready is required");
      }
      KcApi.post(spec, "/kc/v1/nodes/" + node + (down ? "/down" : "/up"), Map.of());
      spec.commandLine().getOut().println("node/" + node + (down ? " not ready" : " ready"));
      return ExitCodes.OK;
    }
  }

  /** {@code kc sim dns NAME}. */
  @Command(name = "dns", description = "Resolve a cluster DNS name as pods see it.")
  public static final class Dns implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      Object r = KcApi.get(spec, "/kc/v1/dns?name=" + KcApi.encode(name));
      List<Object> addrs = Json.arr(r, "addresses");
      PrintWriter out = spec.commandLine().getOut();
      if (addrs.isEmpty()) {
        spec.commandLine().getErr().println("** server can't find " + name + ": NXDOMAIN");
        return ExitCodes.ERROR;
      }
      out.println("Name:\t" + name);
      for (Object a : addrs) {
        out.println("Address: " + a);
      }
      return ExitCodes.OK;
    }
  }

  static String podPath(CommandSpec spec, String pod, String action) {
    return "/kc/v1/namespaces/" + KcApi.namespace(spec) + "/pods/" + pod + "/" + action;
  }
}
