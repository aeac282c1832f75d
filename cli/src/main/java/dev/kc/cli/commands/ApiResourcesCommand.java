package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.output.TabWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kc api-resources}: the preferred version of each resource type discovery reports, sorted
 * by group (or {@code --sort-by} name or kind), then by name, as kubectl does.
 */
@Command(name = "api-resources", description = ApiResourcesCommand.DESCRIPTION)
public final class ApiResourcesCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Print the supported API resources on the server.";

  @Spec CommandSpec spec;

  @Option(names = "--api-group", paramLabel = "GROUP", description = "Limit to this API group.")
  String apiGroup;

  @Option(
      names = "--namespaced",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "true: namespaced resources only; false: cluster-scoped only.")
  Boolean namespaced;

  @Option(
      names = "--verbs",
      split = ",",
      paramLabel = "VERBS",
      description = "Limit to resources that support the specified verbs.")
  List<String> verbs = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: wide or name.")
  String output = "";

  @Option(
      names = "--no-headers",
      arity = "0..1",
      fallbackValue = "true",
      description = "Don't print headers.")
  boolean noHeaders;

  @Option(
      names = "--sort-by",
      paramLabel = "name|kind",
      description = "Sort by name or kind (default: group).")
  String sortBy;

  @Option(
      names = "--cached",
      arity = "0..1",
      fallbackValue = "true",
      description = "Use the cached list of resources if available.")
  boolean cached;

  @Override
  public Integer call() {
    if (!output.isEmpty() && !output.equals("wide") && !output.equals("name")) {
      throw CliException.error("--output " + output + " is not available");
    }
    List<ResourceType> types = select(KcCommand.of(spec).session().discovery().all());
    PrintWriter out = spec.commandLine().getOut();
    if (output.equals("name")) {
      for (ResourceType t : types) {
        out.print(t.resource() + (t.group().isEmpty() ? "" : "." + t.group()) + "\n");
      }
      out.flush();
      return 0;
    }
    StringBuilder sb = new StringBuilder();
    TabWriter tw = TabWriter.forTables(sb);
    boolean wide = output.equals("wide");
    if (!noHeaders) {
      tw.print(
          "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND"
              + (wide ? "\tVERBS\tCATEGORIES" : "")
              + "\n");
    }
    for (ResourceType t : types) {
      tw.print(
          t.resource()
              + "\t"
              + String.join(",", t.shortNames())
              + "\t"
              + t.apiVersion()
              + "\t"
              + t.namespaced()
              + "\t"
              + t.kind());
      if (wide) {
        List<String> sorted = new ArrayList<>(t.verbs());
        sorted.sort(null);
        tw.print("\t" + String.join(",", sorted) + "\t" + String.join(",", t.categories()));
      }
      tw.print("\n");
    }
    tw.flush();
    out.print(sb);
    out.flush();
    return 0;
  }

  private List<ResourceType> select(List<ResourceType> all) {
    List<ResourceType> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (ResourceType t : all) {
      // Only the preferred version of each group, which discovery lists first.
      if (!seen.add(t.group() + "/" + t.resource())) {
        continue;
      }
      if (apiGroup != null && !apiGroup.equals(t.group())) {
        continue;
      }
      if (namespaced != null && namespaced != t.namespaced()) {
        continue;
      }
      if (!verbs.isEmpty() && !t.verbs().containsAll(verbs)) {
        continue;
      }
      out.add(t);
    }
    Comparator<ResourceType> order;
    if ("name".equals(sortBy)) {
      order = Comparator.comparing(ResourceType::resource);
    } else if ("kind".equals(sortBy)) {
      order = Comparator.comparing(ResourceType::kind);
    } else {
      order = Comparator.comparing(ResourceType::group);
    }
    out.sort(order.thenComparing(ResourceType::resource));
    return out;
  }
}
