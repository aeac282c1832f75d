package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.describe.Describers;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
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
 * {@code kc describe}: detailed descriptions of objects, each followed by its events. {@code
 * describe TYPE NAME} falls back to all objects whose name starts with NAME when there is no exact
 * match, as kubectl does.
 */
@Command(name = "describe", description = DescribeCommand.DESCRIPTION)
public final class DescribeCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION =
      "Show details of a specific resource or group of resources.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE [NAME_PREFIX] | TYPE/NAME", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-A", "--all-namespaces"},
      arity = "0..1",
      fallbackValue = "true",
      description = "Describe objects across all namespaces.")
  boolean allNamespaces;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Selector (label query) to filter on.")
  String selector;

  @Option(
      names = "--show-events",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      description = "If true, display events related to the described object.")
  boolean showEvents;

  private Session session;

  @Override
  public Integer call() {
    if (args.isEmpty()) {
      throw CliException.error(
          "You must specify the type of resource to describe. Use \"kc"
              + " api-resources\" for a complete list of supported resources.");
    }
    PrintWriter out = spec.commandLine().getOut();
    session = KcCommand.of(spec).session();
    RestClient client = session.client();
    List<ResourceArgs.Target> targets = ResourceArgs.parse(args, session.discovery(), "describe");
    ErrorList errors = new ErrorList();
    boolean byPrefix = false;
    List<Map<String, Object>> objects = new ArrayList<>();
    List<ResourceType> types = new ArrayList<>();
    for (ResourceArgs.Target target : targets) {
      ResourceType t = target.type();
      String ns = t.namespaced() && !allNamespaces ? session.namespace() : null;
      if (target.names().isEmpty()) {
        for (Object item :
            Fetch.list(client, t, ns, new Fetch.ListOptions(selector, null, Fetch.PAGE_SIZE))
                .items()) {
          objects.add(Json.obj(item));
          types.add(t);
        }
      }
      for (String name : target.names()) {
        try {
          objects.add(Fetch.object(client, t, ns, name));
          types.add(t);
        } catch (ApiException e) {
          if (e.isNotFound() && args.size() == 2 && !args.get(0).contains("/")) {
            List<Map<String, Object>> matches = byPrefix(client, t, ns, name);
            if (!matches.isEmpty()) {
              byPrefix = true;
              objects.addAll(matches);
              matches.forEach(m -> types.add(t));
              continue;
            }
          }
          errors.add(e);
        }
      }
    }
    for (int i = 0; i < objects.size(); i++) {
      Map<String, Object> obj = objects.get(i);
      ResourceType t = types.get(i);
      String text =
          Describers.forType(t)
              .describe(
                  obj,
                  showEvents ? events(t, obj) : null,
                  KcCommand.of(spec).env().clock().instant());
      // kubectl separates exact matches by two blank lines but follows each prefix match by one.
      out.print(byPrefix ? text + "\n" : i == 0 ? text : "\n\n" + text);
    }
    out.flush();
    if (objects.isEmpty() && errors.isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          allNamespaces
              ? "No resources found"
              : "No resources found in " + session.namespace() + " namespace.");
    }
    return errors.print(spec.commandLine().getErr());
  }

  private static List<Map<String, Object>> byPrefix(
      RestClient client, ResourceType t, String ns, String prefix) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object item : Fetch.list(client, t, ns, Fetch.ListOptions.none()).items()) {
      String name = Json.str(item, "metadata", "name");
      if (name != null && name.startsWith(prefix)) {
        out.add(Json.obj(item));
      }
    }
    return out;
  }

  /** The object's events, or {@code null} when they cannot be listed (kubectl then omits them). */
  private List<Map<String, Object>> events(ResourceType t, Map<String, Object> obj) {
    String ns = Json.str(obj, "metadata", "namespace");
    String selector =
        "involvedObject.uid="
            + nz(Json.str(obj, "metadata", "uid"))
            + ",involvedObject.name="
            + nz(Json.str(obj, "metadata", "name"))
            + ",involvedObject.namespace="
            + nz(ns)
            + ",involvedObject.kind="
            + t.kind();
    String path =
        (ns == null || ns.isEmpty() ? "/api/v1" : "/api/v1/namespaces/" + ResourceType.encode(ns))
            + "/events"
            + new Query().add("fieldSelector", selector).add("limit", "500").encode();
    try {
      Object list = session.client().getJson(path, RestClient.JSON, "list events");
      List<Map<String, Object>> events = new ArrayList<>();
      List<Object> items = Json.arr(list, "items");
      if (items != null) {
        for (Object e : items) {
          events.add(Json.obj(e));
        }
      }
      return events;
    } catch (ApiException e) {
      return null;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
