package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kc set resources}: sets container resource limits and requests. */
@Command(name = "resources", description = SetResourcesCommand.DESCRIPTION)
public final class SetResourcesCommand extends SetSubcommand {

  /** One-line summary. */
  public static final String DESCRIPTION =
      "Update resource requests/limits on objects with pod templates.";

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-c", "--containers"},
      defaultValue = "*",
      paramLabel = "NAMES",
      description = "The names of containers to change (a glob; default all).")
  String containerSelector;

  @Option(names = "--limits", paramLabel = "LIST", description = "cpu=200m,memory=512Mi")
  String limits;

  @Option(names = "--requests", paramLabel = "LIST", description = "cpu=100m,memory=256Mi")
  String requests;

  @Override
  List<String> resources() {
    if ((limits == null || limits.isEmpty()) && (requests == null || requests.isEmpty())) {
      throw CliException.error(
          "you must specify an update to requests or limits (in the form of --requests/--limits)");
    }
    return args;
  }

  // TODO: quantities are sent as typed; kubectl canonicalises them first (0.5 becomes 500m).
  @Override
  void update(Map<String, Object> podSpec, List<String> errors) {
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + containerSelector);
    Map<String, Object> newLimits = parseResourceList(limits, "limits");
    Map<String, Object> newRequests = parseResourceList(requests, "requests");
    boolean found = false;
    for (String field : List.of("initContainers", "containers")) {
      for (Map<String, Object> c : containers(podSpec, field)) {
        if (!glob.matches(Path.of(String.valueOf(c.get("name"))))) {
          continue;
        }
        found = true;
        Map<String, Object> res = Json.child(c, "resources");
        if (!newLimits.isEmpty()) {
          Json.child(res, "limits").putAll(newLimits);
        }
        if (!newRequests.isEmpty()) {
          Json.child(res, "requests").putAll(newRequests);
        }
      }
    }
    if (!found) {
      errors.add("error: unable to find container named " + containerSelector);
    }
  }

  @Override
  String result() {
    return "resource requirements updated";
  }
}
