package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.ExitCodes;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Version;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.YamlWriter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kc version}: prints kc's version and the server's ({@code GET /version}). The client line
 * is printed before the server is contacted, so it appears even when the server is down.
 */
@Command(name = "version", description = VersionCommand.DESCRIPTION)
public final class VersionCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Print the client and server version information.";

  @Spec CommandSpec spec;

  @Option(
      names = "--client",
      arity = "0..1",
      fallbackValue = "true",
      description = "If true, shows client version only (no server required).")
  boolean clientOnly;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "One of 'yaml' or 'json'.")
  String output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (output != null && !output.equals("yaml") && !output.equals("json")) {
      throw CliException.error("--output must be 'yaml' or 'json'");
    }
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("gitVersion", Version.CLIENT);
    client.put(
        "platform",
        System.getProperty("os.name", "").toLowerCase() + "/" + System.getProperty("os.arch", ""));
    if (output == null) {
      out.println("Client Version: " + Version.CLIENT);
      out.flush();
    }
    Object server = null;
    if (!clientOnly) {
      RestClient c = KcCommand.of(spec).session().client();
      server = c.getJson("/version?timeout=32s", RestClient.JSON, "get version");
    }
    if (output == null) {
      if (server != null) {
        out.println("Server Version: " + Json.str(server, "gitVersion"));
      }
      return ExitCodes.OK;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("clientVersion", client);
    if (server != null) {
      doc.put("serverVersion", server);
    }
    out.print(output.equals("json") ? Json.pretty(doc) + "\n" : YamlWriter.write(doc));
    return ExitCodes.OK;
  }
}
