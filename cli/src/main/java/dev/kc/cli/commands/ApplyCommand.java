package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.apply.ApplyPatches;
import dev.kc.cli.apply.LastApplied;
import dev.kc.cli.apply.PatchComputer;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kc apply -f}: client-side apply. Each object is created when missing (with the
 * last-applied annotation) or patched with the difference computed from last-applied, manifest and
 * live object; {@code unchanged} when there is none. A failing object does not stop the others; all
 * errors are reported at the end and make the exit code 1.
 */
@Command(name = "apply", description = ApplyCommand.DESCRIPTION)
public final class ApplyCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION =
      "Apply a configuration to a resource by file name or stdin.";

  /** How often a patch is retried after a 409 Conflict (kubectl's maxPatchRetry). */
  private static final int MAX_PATCH_ATTEMPTS = 5;

  @Spec CommandSpec spec;

  @Mixin FilenameOptions files;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "One of: name, yaml, json.")
  String output;

  @Option(
      names = "--validate",
      defaultValue = "strict",
      arity = "0..1",
      fallbackValue = "strict",
      paramLabel = "MODE",
      description = "strict, warn or ignore: how the server treats unknown fields.")
  String validate;

  @Option(
      names = "--field-manager",
      defaultValue = "kubectl-client-side-apply",
      paramLabel = "NAME",
      description = "Name of the manager used to track field ownership.")
  String fieldManager;

  private Session session;
  private WriteOutput report;
  private PrintWriter err;

  @Override
  public Integer call() {
    if (files.filenames.isEmpty()) {
      throw CliException.error("must specify one of -f and -k");
    }
    err = spec.commandLine().getErr();
    report = new WriteOutput(output, spec.commandLine().getOut());
    String validation = WriteOutput.fieldValidation(validate);
    KcCommand root = KcCommand.of(spec);
    session = root.session();
    Manifests.Result manifests =
        Manifests.read(
            files.filenames,
            files.recursive,
            root.env().stdin(),
            session.discovery(),
            session.namespace(),
            session.namespaceExplicit());
    if (manifests.items().isEmpty() && manifests.errors().isEmpty()) {
      throw CliException.error("no objects passed to apply");
    }
    ErrorList errors = new ErrorList();
    manifests.errors().forEach(errors::add);
    for (Manifests.Item item : manifests.items()) {
      try {
        applyOne(item, validation);
      } catch (ApiException | CliException e) {
        errors.add(e);
      } catch (IllegalArgumentException e) {
        errors.add(CliException.error(e.getMessage()));
      }
    }
    return errors.print(err);
  }

  private void applyOne(Manifests.Item item, String validation) {
    RestClient client = session.client();
    ResourceType t = item.type();
    Map<String, Object> modified = LastApplied.annotate(item.object());
    String query =
        new Query().add("fieldManager", fieldManager).add("fieldValidation", validation).encode();
    if (item.name().isEmpty()) {
      String gen = Json.str(item.object(), "metadata", "generateName");
      throw CliException.error(
          gen != null && !gen.isEmpty()
              ? "from " + item.source() + ": cannot use generate name with apply"
              : "error when retrieving current configuration of:\n"
                  + Manifests.describe(item)
                  + "\nfrom server for: \""
                  + item.source()
                  + "\": resource name may not be empty");
    }
    Map<String, Object> live = getLive(item);
    if (live == null) {
      Map<String, Object> created;
      try {
        created =
            Json.obj(
                client.sendJson(
                    "POST",
                    t.collectionPath(item.namespace()) + query,
                    RestClient.JSON,
                    modified,
                    "post " + t.groupResource()));
      } catch (ApiException e) {
        throw e.withSource("creating", item.source());
      }
      report.report(t.kindGroup(), item.name(), "created", created);
      return;
    }
    if (LastApplied.of(live) == null) {
      err.println(
          "Warning: resource "
              + t.resource()
              + "/"
              + item.name()
              + " is missing the "
              + LastApplied.ANNOTATION
              + " annotation which is required by kc apply. kc apply should only be used on"
              + " resources created declaratively by either kc create --save-config or kc apply."
              + " The missing annotation will be patched automatically.");
      err.flush();
    }
    PatchComputer computer = ApplyPatches.forType(t);
    for (int attempt = 1; ; attempt++) {
      PatchComputer.Patch patch = computer.compute(LastApplied.of(live), modified, live);
      if (patch.isEmpty()) {
        report.report(t.kindGroup(), item.name(), "unchanged", live);
        return;
      }
      String body = Json.compact(patch.body());
      RestClient.Response r =
          client.send(
              "PATCH",
              t.objectPath(item.namespace(), item.name()) + query,
              RestClient.JSON,
              patch.contentType(),
              body.getBytes(StandardCharsets.UTF_8));
      if (r.code() == 409 && attempt < MAX_PATCH_ATTEMPTS) {
        live = getLive(item);
        if (live == null) {
          throw CliException.error(
              "error when applying patch to " + item.name() + ": the object was deleted meanwhile");
        }
        continue;
      }
      try {
        Map<String, Object> patched =
            Json.obj(RestClient.checked(r, "patch " + t.groupResource() + " " + item.name()));
        report.report(t.kindGroup(), item.name(), "configured", patched);
        return;
      } catch (ApiException e) {
        // kubectl wraps twice: once where it patches, once where apply reports.
        throw e.withSource("patching", item.source())
            .withSource(
                "applying patch:\n" + body + "\nto:\n" + Manifests.describe(item) + "\nfor:",
                item.source());
      }
    }
  }

  /** GETs the live object; {@code null} when it does not exist. */
  private Map<String, Object> getLive(Manifests.Item item) {
    try {
      return Fetch.object(session.client(), item.type(), item.namespace(), item.name());
    } catch (ApiException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e.withSource(
          "retrieving current configuration of:\n"
              + Manifests.describe(item)
              + "\nfrom server for:",
          item.source());
    }
  }
}
