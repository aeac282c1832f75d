package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.ExitCodes;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.ObjectPrinter;
import dev.kc.cli.output.ServerTable;
import dev.kc.cli.output.TabWriter;
import dev.kc.cli.output.TablePrinter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc get}: lists or shows resources. Human output uses the server's Tables; {@code -o
 * yaml|json|name|jsonpath=...} print the objects (several objects as a {@code kind: List}); {@code
 * -w} keeps printing watch events.
 */
@Command(name = "get", description = GetCommand.DESCRIPTION)
public final class GetCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Display one or many resources.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE[.VERSION][.GROUP] [NAME...] | TYPE/NAME...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Output format: json, yaml, name, wide, jsonpath=TEMPLATE.")
  String output;

  @Option(
      names = {"-A", "--all-namespaces"},
      arity = "0..1",
      fallbackValue = "true",
      description = "List the requested object(s) across all namespaces.")
  boolean allNamespaces;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Label selector to filter on (e.g. -l key1=value1,key2=value2).")
  String selector;

  @Option(
      names = "--field-selector",
      paramLabel = "SELECTOR",
      description = "Field selector to filter on (e.g. --field-selector metadata.name=x).")
  String fieldSelector;

  @Option(
      names = "--show-labels",
      arity = "0..1",
      fallbackValue = "true",
      description = "Show all labels as the last column.")
  boolean showLabels;

  @Option(
      names = {"-L", "--label-columns"},
      split = ",",
      paramLabel = "KEY",
      description = "Labels to show as columns.")
  List<String> labelColumns = new ArrayList<>();

  @Option(
      names = "--no-headers",
      arity = "0..1",
      fallbackValue = "true",
      description = "Don't print headers.")
  boolean noHeaders;

  @Option(
      names = {"-w", "--watch"},
      arity = "0..1",
      fallbackValue = "true",
      description = "After listing/getting the requested object, watch for changes.")
  boolean watch;

  @Option(
      names = "--watch-only",
      arity = "0..1",
      fallbackValue = "true",
      description = "Watch for changes without listing/getting first.")
  boolean watchOnly;

  @Option(
      names = "--output-watch-events",
      arity = "0..1",
      fallbackValue = "true",
      description = "Output watch event objects when --watch or --watch-only is used.")
  boolean outputWatchEvents;

  @Option(
      names = "--ignore-not-found",
      arity = "0..1",
      fallbackValue = "true",
      description = "If the requested object does not exist, don't report an error.")
  boolean ignoreNotFound;

  @Option(
      names = "--show-managed-fields",
      arity = "0..1",
      fallbackValue = "true",
      description = "Keep metadata.managedFields in json and yaml output.")
  boolean showManagedFields;

  @Option(
      names = "--chunk-size",
      defaultValue = "500",
      paramLabel = "N",
      description = "Return large lists in chunks rather than all at once (0 disables).")
  int chunkSize;

  private Session session;
  private PrintWriter out;
  private PrintWriter err;

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    if (args.isEmpty()) {
      throw new CliException(
          "You must specify the type of resource to get. Use \"kc"
              + " api-resources\" for a complete list of supported resources.\n\n"
              + "error: Required resource not specified.\n"
              + "Use \"kc explain <resource>\" for a detailed description of that resource (e.g."
              + " kc explain pods).\nSee 'kc get -h' for help and examples");
    }
    ObjectPrinter printer = ObjectPrinter.forOutput(output);
    if (printer != null) {
      printer.showManagedFields(showManagedFields);
    }
    session = KcCommand.of(spec).session();
    List<ResourceArgs.Target> targets = ResourceArgs.parse(args, session.discovery(), "get");
    validate(targets);
    if (watch || watchOnly) {
      return watch(targets, printer);
    }
    return printer == null ? printTables(targets) : printObjects(targets, printer);
  }

  private void validate(List<ResourceArgs.Target> targets) {
    boolean named = false;
    for (ResourceArgs.Target t : targets) {
      named |= !t.names().isEmpty();
    }
    if (named && allNamespaces) {
      throw CliException.error("a resource cannot be retrieved by name across all namespaces");
    }
    if (named && selector != null) {
      throw CliException.error("name cannot be provided when a selector is specified");
    }
  }

  private String namespaceFor(ResourceType t) {
    return allNamespaces || !t.namespaced() ? null : session.namespace();
  }

  private Fetch.ListOptions listOptions() {
    return new Fetch.ListOptions(selector, fieldSelector, chunkSize);
  }

  // ---- human output ----

  private int printTables(List<ResourceArgs.Target> targets) {
    RestClient client = session.client();
    ErrorList errors = new ErrorList();
    List<ResourceType> types = new ArrayList<>();
    List<ServerTable> tables = new ArrayList<>();
    for (ResourceArgs.Target target : targets) {
      ResourceType t = target.type();
      String ns = namespaceFor(t);
      if (target.names().isEmpty()) {
        try {
          tables.add(Fetch.tableList(client, t, ns, listOptions()));
          types.add(t);
        } catch (ApiException e) {
          errors.add(e);
        }
      }
      for (String name : target.names()) {
        try {
          tables.add(Fetch.table(client, t, ns, name));
          types.add(t);
        } catch (ApiException e) {
          if (!(ignoreNotFound && e.isNotFound())) {
            errors.add(e);
          }
        }
      }
    }
    boolean withKind = new LinkedHashSet<>(types).size() > 1;
    boolean written = false;
    for (int i = 0; i < tables.size(); ) {
      ResourceType t = types.get(i);
      StringBuilder buffer = new StringBuilder();
      TablePrinter printer =
          new TablePrinter(tableOptions(t, withKind), TabWriter.forTables(buffer), buffer, out);
      for (; i < tables.size() && types.get(i).equals(t); i++) {
        printer.add(tables.get(i), null);
      }
      if (printer.hasPrinted() && written && !noHeaders) {
        out.print("\n");
      }
      printer.flush();
      written |= printer.hasPrinted();
    }
    if (!written && !ignoreNotFound && errors.isEmpty()) {
      err.println(noResourcesMessage(targets));
    }
    return errors.print(err);
  }

  private TablePrinter.Options tableOptions(ResourceType t, boolean withKind) {
    return new TablePrinter.Options(
        "wide".equals(output),
        allNamespaces && t.namespaced(),
        withKind ? t.kindGroup() : null,
        noHeaders,
        showLabels,
        labelColumns,
        outputWatchEvents);
  }

  private String noResourcesMessage(List<ResourceArgs.Target> targets) {
    boolean allNamespaced = !allNamespaces;
    for (ResourceArgs.Target t : targets) {
      allNamespaced &= t.type().namespaced();
    }
    return allNamespaced
        ? "No resources found in " + session.namespace() + " namespace."
        : "No resources found";
  }

  // ---- yaml / json / name / jsonpath ----

  private int printObjects(List<ResourceArgs.Target> targets, ObjectPrinter printer) {
    RestClient client = session.client();
    boolean single = targets.size() == 1 && targets.get(0).names().size() == 1;
    if (single) {
      ResourceArgs.Target t = targets.get(0);
      try {
        printer.print(
            Fetch.object(client, t.type(), namespaceFor(t.type()), t.names().get(0)), out);
      } catch (ApiException e) {
        if (!(ignoreNotFound && e.isNotFound())) {
          throw e;
        }
      }
      return ExitCodes.OK;
    }
    ErrorList errors = new ErrorList();
    List<Object> items = new ArrayList<>();
    for (ResourceArgs.Target target : targets) {
      ResourceType t = target.type();
      String ns = namespaceFor(t);
      try {
        if (target.names().isEmpty()) {
          items.addAll(Fetch.list(client, t, ns, listOptions()).items());
        }
      } catch (ApiException e) {
        errors.add(e);
      }
      for (String name : target.names()) {
        try {
          items.add(Fetch.object(client, t, ns, name));
        } catch (ApiException e) {
          if (!(ignoreNotFound && e.isNotFound())) {
            errors.add(e);
          }
        }
      }
    }
    printer.print(listOf(items), out);
    return errors.print(err);
  }

  /** kubectl's wrapper for several objects: a v1 List with an empty resourceVersion. */
  static Map<String, Object> listOf(List<Object> items) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("items", items);
    list.put("kind", "List");
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("resourceVersion", "");
    list.put("metadata", meta);
    return list;
  }

  // ---- watch ----

  private int watch(List<ResourceArgs.Target> targets, ObjectPrinter printer) {
    Set<ResourceType> distinct = new LinkedHashSet<>();
    for (ResourceArgs.Target target : targets) {
      distinct.add(target.type());
    }
    if (distinct.size() > 1) {
      throw CliException.error("you may only specify a single resource type");
    }
    ResourceArgs.Target target = targets.get(0);
    if (targets.size() > 1 || target.names().size() > 1) {
      throw CliException.error(
          "watch is only supported on individual resources and resource"
              + " collections, but a list of resources is found");
    }
    ResourceType t = target.type();
    String ns = namespaceFor(t);
    String name = target.names().isEmpty() ? null : target.names().get(0);
    Watcher w = printer == null ? new TableWatcher(t, ns) : new ObjectWatcher(t, ns, printer);
    String rv = "0";
    if (name != null) {
      w.initial(name);
    } else {
      rv = w.initialList();
    }
    // A watch on one object starts with a synthetic ADDED event for what was just printed.
    boolean skipFirst = name != null && !watchOnly;
    Query q =
        new Query()
            .add("labelSelector", selector)
            .add("fieldSelector", name != null ? "metadata.name=" + name : fieldSelector)
            .add("resourceVersion", rv)
            .add("watch", "true");
    try (RestClient.Stream stream =
        session.client().stream(
            "GET",
            t.collectionPath(ns) + q.encode(),
            printer == null ? RestClient.ACCEPT_TABLE : RestClient.JSON)) {
      if (stream.code() >= 400) {
        throw ApiException.fromResponse(
            stream.code(), stream.readAll(), "watch " + t.groupResource());
      }
      String line;
      while ((line = stream.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Object event = Json.parse(line);
        String type = Json.str(event, "type");
        Object obj = Json.at(event, "object");
        if ("BOOKMARK".equals(type)) {
          continue;
        }
        if ("ERROR".equals(type)) {
          throw ApiException.fromResponse(
              500, Json.compact(obj).getBytes(java.nio.charset.StandardCharsets.UTF_8), null);
        }
        if (skipFirst) {
          skipFirst = false;
          continue;
        }
        w.event(type, obj);
      }
    } catch (IOException e) {
      // The server ended the stream abruptly; kubectl also just stops.
    }
    return ExitCodes.OK;
  }

  private interface Watcher {
    /** Prints the object a single-object watch starts from. */
    void initial(String name);

    /** Prints the initial list and returns its resourceVersion. */
    String initialList();

    /** Prints one watch event. */
    void event(String type, Object obj);
  }

  /** Prints watch events as table rows (the header once, widths remembered). */
  private final class TableWatcher implements Watcher {
    private final ResourceType type;
    private final String ns;
    private final StringBuilder buffer = new StringBuilder();
    private final TablePrinter printer;

    TableWatcher(ResourceType type, String ns) {
      this.type = type;
      this.ns = ns;
      this.printer =
          new TablePrinter(tableOptions(type, false), TabWriter.forTables(buffer), buffer, out);
    }

    @Override
    public void initial(String name) {
      show(Fetch.table(session.client(), type, ns, name));
    }

    @Override
    public String initialList() {
      ServerTable table = Fetch.tableList(session.client(), type, ns, listOptions());
      show(table);
      return table.resourceVersion();
    }

    private void show(ServerTable table) {
      // --watch-only still learns the columns, but prints nothing until the first event.
      printer.add(
          watchOnly ? new ServerTable(table.columns(), List.of(), null, null) : table, "ADDED");
      printer.flush();
    }

    @Override
    public void event(String eventType, Object obj) {
      printer.add(Fetch.asTable(obj), eventType);
      printer.flush();
    }
  }

  /** Prints watch events as objects (yaml, json, name, jsonpath). */
  private final class ObjectWatcher implements Watcher {
    private final ResourceType type;
    private final String ns;
    private final ObjectPrinter printer;

    ObjectWatcher(ResourceType type, String ns, ObjectPrinter printer) {
      this.type = type;
      this.ns = ns;
      this.printer = printer;
    }

    @Override
    public void initial(String name) {
      Map<String, Object> obj = Fetch.object(session.client(), type, ns, name);
      if (!watchOnly) {
        print("ADDED", obj);
      }
    }

    @Override
    public String initialList() {
      Fetch.Items items = Fetch.list(session.client(), type, ns, listOptions());
      if (!watchOnly) {
        for (Object item : items.items()) {
          print("ADDED", item);
        }
      }
      return items.resourceVersion();
    }

    @Override
    public void event(String eventType, Object obj) {
      Map<String, Object> m = Json.obj(obj);
      print(eventType, m == null ? obj : Fetch.withTypeMeta(m, type));
    }

    private void print(String eventType, Object obj) {
      if (!outputWatchEvents || printer.format() == ObjectPrinter.Format.NAME) {
        printer.print(obj, out);
      } else if (printer.format() == ObjectPrinter.Format.JSON) {
        // kubectl prints watch events as compact JSON, "type" first (Go struct order).
        out.print(
            "{\"type\":" + Json.compact(eventType) + ",\"object\":" + Json.compact(obj) + "}\n");
        out.flush();
      } else {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("type", eventType);
        ev.put("object", obj);
        printer.print(ev, out);
      }
    }
  }
}
