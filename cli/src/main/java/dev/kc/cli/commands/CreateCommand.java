package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.apply.LastApplied;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kc create -f}: POSTs every object; an existing one is an AlreadyExists error. Failures do
 * not stop the other objects.
 */
@Command(name = "create", description = CreateCommand.DESCRIPTION)
public final class CreateCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Create a resource from a file or from stdin.";

  @Spec CommandSpec spec;

  @Mixin FilenameOptions files;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "One of: name, yaml, json.")
  String output;

  @Option(
      names = "--save-config",
      arity = "0..1",
      fallbackValue = "true",
      description = "Store the configuration in the last-applied annotation (for later apply).")
  boolean saveConfig;

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
      defaultValue = "kubectl-create",
      paramLabel = "NAME",
      description = "Name of the manager used to track field ownership.")
  String fieldManager;

  @Override
  public Integer call() {
    if (files.filenames.isEmpty()) {
      throw CliException.error("must specify one of -f and -k");
    }
    WriteOutput report = new WriteOutput(output, spec.commandLine().getOut());
    String query =
        new Query()
            .add("fieldManager", fieldManager)
            .add("fieldValidation", WriteOutput.fieldValidation(validate))
            .encode();
    KcCommand root = KcCommand.of(spec);
    Session session = root.session();
    Manifests.Result manifests =
        Manifests.read(
            files.filenames,
            files.recursive,
            root.env().stdin(),
            session.discovery(),
            session.namespace(),
            session.namespaceExplicit());
    if (manifests.items().isEmpty() && manifests.errors().isEmpty()) {
      throw CliException.error("no objects passed to create");
    }
    ErrorList errors = new ErrorList();
    manifests.errors().forEach(errors::add);
    for (Manifests.Item item : manifests.items()) {
      ResourceType t = item.type();
      Map<String, Object> body = saveConfig ? LastApplied.annotate(item.object()) : item.object();
      try {
        Map<String, Object> created =
            Json.obj(
                session
                    .client()
                    .sendJson(
                        "POST",
                        t.collectionPath(item.namespace()) + query,
                        RestClient.JSON,
                        body,
                        "post " + t.groupResource()));
        String name =
            created != null && Json.str(created, "metadata", "name") != null
                ? Json.str(created, "metadata", "name")
                : item.name();
        report.report(t.kindGroup(), name, "created", created);
      } catch (ApiException e) {
        errors.add(e.withSource("creating", item.source()));
      }
    }
    return errors.print(spec.commandLine().getErr());
  }
}
