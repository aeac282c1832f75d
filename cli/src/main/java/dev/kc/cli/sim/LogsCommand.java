package dev.kc.cli.sim;

import dev.kc.cli.ExitCodes;
import dev.kc.cli.client.RestClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kc logs POD [-c C] [--previous]}: a container's output, from the standard log API. */
@Command(
    name = "logs",
    description = LogsCommand.DESCRIPTION,
    footer = {"", "Examples:", "  kc logs app", "  kc logs app -c app --previous"})
public final class LogsCommand implements Callable<Integer> {
  public static final String DESCRIPTION = "Print the logs for a container in a pod.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "POD")
  String pod;

  @Option(
      names = {"-c", "--container"},
      description = "Container name.")
  String container;

  @Option(
      names = {"-p", "--previous"},
      description = "The previous run of the container.")
  boolean previous;

  @Option(names = "--tail", description = "Lines of recent log to show (-1: all).")
  int tail = -1;

  @Option(names = "--timestamps", description = "Prefix each line with its time.")
  boolean timestamps;

  // TODO: -f/--follow prints what is there and stops; following a live log is not served yet.
  @Option(
      names = {"-f", "--follow"},
      description = "Accepted; prints the log so far.")
  boolean follow;

  @Override
  public Integer call() {
    String name = pod.startsWith("pod/") ? pod.substring(4) : pod;
    StringBuilder q = new StringBuilder();
    if (container != null) {
      q.append("&container=").append(KcApi.encode(container));
    }
    if (previous) {
      q.append("&previous=true");
    }
    if (tail >= 0) {
      q.append("&tailLines=").append(tail);
    }
    if (timestamps) {
      q.append("&timestamps=true");
    }
    String path =
        "/api/v1/namespaces/"
            + KcApi.namespace(spec)
            + "/pods/"
            + name
            + "/log"
            + (q.length() == 0 ? "" : "?" + q.substring(1));
    RestClient.Response r = KcApi.client(spec).send("GET", path, "*/*", null, null);
    if (r.code() >= 400) {
      RestClient.checked(r, "get pods " + name);
    }
    spec.commandLine().getOut().print(new String(r.body(), StandardCharsets.UTF_8));
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
