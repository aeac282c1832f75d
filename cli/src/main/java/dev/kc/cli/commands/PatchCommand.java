package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.json.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc patch}: GETs each object, PATCHes it with the given body (strategic merge patch by
 * default) and reports {@code patched}, or {@code patched (no change)} when the server returned the
 * object unchanged.
 */
@Command(name = "patch", description = PatchCommand.DESCRIPTION)
public final class PatchCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Update fields of a resource.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-p", "--patch"},
      paramLabel = "PATCH",
      description = "The patch to be applied to the resource JSON file.")
  String patch;

  @Option(
      names = "--patch-file",
      paramLabel = "FILE",
      description = "A file containing a patch to be applied to the resource.")
  String patchFile;

  @Option(
      names = "--type",
      defaultValue = "strategic",
      paramLabel = "json|merge|strategic",
      description = "The type of patch being provided.")
  String type;

  @Option(
      names = "--subresource",
      paramLabel = "NAME",
      description = "If specified, patch will operate on the subresource (status, scale).")
  String subresource;

  @Option(
      names = "--field-manager",
      defaultValue = "kubectl-patch",
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
    String contentType = contentType();
    String text = patchText();
    Object body = parse(text);
    KcCommand root = KcCommand.of(spec);
    Session session = root.session();
    RestClient c = session.client();
    String ns = session.namespace();
    WriteOutput report = new WriteOutput(output, spec.commandLine().getOut());
    List<String> errors = new ArrayList<>();
    for (Targets.Target t : Targets.resolve(args, session.discovery(), "patch")) {
      Map<String, Object> before;
      try {
        before = Patches.get(c, t, ns);
      } catch (ApiException e) {
        errors.add(e.standardMessage());
        continue;
      }
      String path =
          t.type().objectPath(ns, t.name())
              + (subresource == null ? "" : "/" + subresource)
              + new Query().add("fieldManager", fieldManager);
      Map<String, Object> after =
          Fetch.withTypeMeta(
              Json.obj(
                  c.sendJson(
                      "PATCH",
                      path,
                      contentType,
                      body,
                      "patch " + t.type().groupResource() + " " + t.name())),
              t.type());
      String op = before.equals(after) ? "patched (no change)" : "patched";
      report.report(t.type().kindGroup(), t.name(), op, after);
    }
    if (!errors.isEmpty()) {
      throw new CliException(String.join("\n", errors));
    }
    return 0;
  }

  private String contentType() {
    switch (type) {
      case "strategic":
        return Patches.STRATEGIC;
      case "merge":
        return Patches.MERGE;
      case "json":
        return Patches.JSON_PATCH;
      default:
        throw CliException.error(
            "--type must be one of [json merge strategic], not \"" + type + "\"");
    }
  }

  private String patchText() {
    if (patch != null && patchFile != null) {
      throw CliException.error("--patch and --patch-file cannot be specified together");
    }
    if (patchFile != null) {
      try {
        return Files.readString(Path.of(patchFile));
      } catch (IOException e) {
        throw CliException.error("unable to read patch file: " + e.getMessage());
      }
    }
    if (patch == null || patch.isEmpty()) {
      throw CliException.error(
          "must specify --patch or --patch-file containing the contents of the patch");
    }
    return patch;
  }

  /** Reads the patch as kubectl does: YAML (so also JSON), re-encoded with sorted keys. */
  private static Object parse(String text) {
    try {
      return Patches.sorted(Json.parse(text));
    } catch (RuntimeException notJson) {
      try {
        return Patches.sorted(Yaml.parse(text));
      } catch (Yaml.YamlException e) {
        throw CliException.error("unable to parse \"" + text + "\": " + e.getMessage());
      }
    }
  }
}
