package dev.kc.cli.sim;

import dev.kc.cli.CliException;
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
 * {@code kc exec POD [-c C] -- CMD...}: runs a command in a simulated container. Exits with the
 * command's exit code, as kubectl does.
 */
@Command(
    name = "exec",
    description = ExecCommand.DESCRIPTION,
    footer = {
      "",
      "Examples:",
      "  kc exec app -- cat /tmp/mylog",
      "  kc exec web-0 -c nginx -- ls /"
    })
public final class ExecCommand implements Callable<Integer> {
  public static final String DESCRIPTION = "Execute a command in a container.";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "POD")
  String pod;

  @Parameters(index = "1..*", paramLabel = "COMMAND")
  List<String> command = new ArrayList<>();

  @Option(
      names = {"-c", "--container"},
      description = "Container name (default: the first).")
  String container = "";

  @Option(
      names = {"-i", "--stdin"},
      description = "Accepted for kubectl compatibility.")
  boolean stdin;

  @Option(
      names = {"-t", "--tty"},
      description = "Accepted for kubectl compatibility.")
  boolean tty;

  @Override
  public Integer call() {
    String target = pod.startsWith("pod/") ? pod.substring(4) : pod;
    if (command.isEmpty()) {
      throw CliException.error("you must specify at least one command for the container");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("container", container);
    body.put("command", new ArrayList<Object>(command));
    Object r = KcApi.post(spec, SimCommand.podPath(spec, target, "exec"), body);
    spec.commandLine().getOut().print(Json.str(r, "output"));
    spec.commandLine().getOut().flush();
    int code = ((Number) Json.at(r, "exitCode")).intValue();
    if (code != 0) {
      spec.commandLine().getErr().println("command terminated with exit code " + code);
    }
    return code;
  }
}
