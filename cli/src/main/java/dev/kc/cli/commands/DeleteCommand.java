package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc delete}: deletes objects named by arguments, files or selectors, then (unless {@code
 * --wait=false}) waits until they are gone. Errors for single objects are collected and printed at
 * the end.
 */
@Command(name = "delete", description = DeleteCommand.DESCRIPTION)
public final class DeleteCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION =
      "Delete resources by file names, stdin, resources and names, or by resources and label"
          + " selector.";

  private static final String FORCE_WARNING =
      "Warning: Immediate deletion does not wait for"
          + " confirmation that the running resource has been terminated. The resource may continue"
          + " to run on the cluster indefinitely.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE [NAME...] | TYPE/NAME...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Mixin FilenameOptions files;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Selector (label query) to filter on.")
  String selector;

  @Option(
      names = "--field-selector",
      paramLabel = "SELECTOR",
      description = "Selector (field query) to filter on.")
  String fieldSelector;

  @Option(
      names = "--all",
      arity = "0..1",
      fallbackValue = "true",
      description = "Delete all resources of the given type in the namespace.")
  boolean all;

  @Option(
      names = {"-A", "--all-namespaces"},
      arity = "0..1",
      fallbackValue = "true",
      description = "Delete the requested objects across all namespaces.")
  boolean allNamespaces;

  @Option(
      names = "--cascade",
      arity = "0..1",
      fallbackValue = "background",
      defaultValue = "background",
      paramLabel = "background|foreground|orphan",
      description = "Deletion propagation policy for dependents.")
  String cascade;

  @Option(
      names = "--wait",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      description = "Wait for the objects to be gone before returning.")
  boolean waitForDeletion;

  @Option(
      names = "--grace-period",
      defaultValue = "-1",
      paramLabel = "SECONDS",
      description = "Seconds given to the resource to terminate gracefully (-1: its default).")
  int gracePeriod;

  @Option(
      names = "--force",
      arity = "0..1",
      fallbackValue = "true",
      description = "Delete immediately (grace period 0) without waiting for termination.")
  boolean force;

  @Option(
      names = "--now",
      arity = "0..1",
      fallbackValue = "true",
      description = "Signal the resource for immediate shutdown (grace period 1).")
  boolean now;

  @Option(
      names = "--ignore-not-found",
      arity = "0..1",
      fallbackValue = "true",
      description = "Treat \"resource not found\" as a successful delete.")
  boolean ignoreNotFound;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Only 'name' is supported.")
  String output;

  @Option(
      names = "--timeout",
      defaultValue = "0s",
      paramLabel = "DURATION",
      description = "How long to wait for the deletion (0: a week).")
  String timeout;

  private Session session;
  private PrintWriter out;
  private PrintWriter err;

  /** One object to delete. */
  private record Victim(ResourceType type, String namespace, String name, String source) {}

  /** An object that was deleted and may have to be waited for. */
  private record Deleted(Victim victim, String uid) {}

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    String policy = propagationPolicy();
    Duration waitLimit = parseDuration(timeout);
    validate();
    if (now) {
      gracePeriod = 1;
    }
    if (gracePeriod == 0 && !force) {
      // kubectl turns an explicit 0 into 1 unless --force confirms the intent.
      gracePeriod = 1;
    }
    if (force) {
      if (gracePeriod < 0) {
        gracePeriod = 0;
      }
      err.println(FORCE_WARNING);
      err.flush();
    }
    KcCommand root = KcCommand.of(spec);
    session = root.session();
    ErrorList errors = new ErrorList();
    boolean selecting = all || selector != null || fieldSelector != null;
    boolean ignoreMissing = ignoreNotFound || selecting;
    List<Victim> victims = collect(root, errors);
    if (victims.isEmpty() && errors.isEmpty()) {
      out.println("No resources found");
      out.flush();
      return 0;
    }
    List<Deleted> deleted = new ArrayList<>();
    Map<String, Object> options = new LinkedHashMap<>();
    if (gracePeriod >= 0) {
      options.put("gracePeriodSeconds", (long) gracePeriod);
    }
    options.put("propagationPolicy", policy);
    for (Victim v : victims) {
      try {
        Object answer =
            session
                .client()
                .sendJson(
                    "DELETE",
                    v.type().objectPath(v.namespace(), v.name()),
                    RestClient.JSON,
                    options,
                    "delete " + v.type().groupResource() + " " + v.name());
        report(v);
        deleted.add(new Deleted(v, Json.str(answer, "metadata", "uid")));
      } catch (ApiException e) {
        if (!(ignoreMissing && e.isNotFound())) {
          errors.add(v.source() == null ? e : e.withSource("deleting", v.source()));
        }
      }
    }
    if (waitForDeletion) {
      for (Deleted d : deleted) {
        try {
          waitUntilGone(d, waitLimit);
        } catch (ApiException | CliException e) {
          errors.add(e);
        }
      }
    }
    return errors.print(err);
  }

  private void validate() {
    if (now && gracePeriod != -1) {
      throw CliException.error("--now and --grace-period cannot be specified together");
    }
    boolean selecting = all || selector != null || fieldSelector != null;
    if (!files.filenames.isEmpty() && !args.isEmpty()) {
      throw CliException.error(
          "when paths, URLs, or stdin is provided as input, you may not"
              + " specify resource arguments as well");
    }
    if (files.filenames.isEmpty() && args.isEmpty()) {
      if (selecting) {
        throw CliException.error("at least one resource must be specified to use a selector");
      }
      throw CliException.error(
          "You must provide one or more resources by argument or"
              + " filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n"
              + "   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
  }

  private List<Victim> collect(KcCommand root, ErrorList errors) {
    List<Victim> victims = new ArrayList<>();
    if (!files.filenames.isEmpty()) {
      Manifests.Result r =
          Manifests.read(
              files.filenames,
              files.recursive,
              root.env().stdin(),
              session.discovery(),
              session.namespace(),
              session.namespaceExplicit());
      r.errors().forEach(errors::add);
      for (Manifests.Item item : r.items()) {
        victims.add(new Victim(item.type(), item.namespace(), item.name(), item.source()));
      }
      return victims;
    }
    boolean selecting = all || selector != null || fieldSelector != null;
    for (ResourceArgs.Target target : ResourceArgs.parse(args, session.discovery(), "delete")) {
      ResourceType t = target.type();
      String ns = t.namespaced() ? (allNamespaces ? null : session.namespace()) : null;
      if (!target.names().isEmpty()) {
        if (selector != null || fieldSelector != null || all) {
          throw CliException.error("name cannot be provided when a selector is specified");
        }
        for (String name : target.names()) {
          victims.add(new Victim(t, ns, name, null));
        }
      } else if (!selecting) {
        throw CliException.error("resource(s) were provided, but no name was specified");
      } else {
        Fetch.ListOptions o = new Fetch.ListOptions(selector, fieldSelector, Fetch.PAGE_SIZE);
        for (Object item : Fetch.list(session.client(), t, ns, o).items()) {
          String itemNs = Json.str(item, "metadata", "namespace");
          victims.add(
              new Victim(
                  t, t.namespaced() ? itemNs : null, Json.str(item, "metadata", "name"), null));
        }
      }
    }
    return victims;
  }

  private void report(Victim v) {
    String kind = v.type().kindGroup();
    if ("name".equals(output)) {
      out.print(kind + "/" + v.name() + "\n");
    } else {
      out.print(
          kind
              + " \""
              + v.name()
              + "\" "
              + (gracePeriod == 0 ? "force deleted" : "deleted")
              + "\n");
    }
    out.flush();
  }

  private String propagationPolicy() {
    switch (cascade.toLowerCase(Locale.ROOT)) {
      case "background":
        return "Background";
      case "foreground":
        return "Foreground";
      case "orphan":
        return "Orphan";
      case "true":
        err.println(
            "warning: --cascade=true is deprecated (boolean value) and can be replaced"
                + " with --cascade=background.");
        return "Background";
      case "false":
        err.println(
            "warning: --cascade=false is deprecated (boolean value) and can be replaced"
                + " with --cascade=orphan.");
        return "Orphan";
      default:
        throw CliException.error(
            "invalid cascade value ("
                + cascade
                + "). Must be \"background\", \"foreground\", or \"orphan\"");
    }
  }

  /**
   * Waits until the object is gone (or replaced by a new object with another uid).
   *
   * <p>1. GET: 404 means done. 2. Otherwise LIST by name to learn a resourceVersion and watch from
   * it until a DELETED event for the object. 3. When the watch ends early, start over.
   */
  private void waitUntilGone(Deleted d, Duration limit) {
    Victim v = d.victim();
    long deadline = System.nanoTime() + limit.toNanos();
    RestClient client = session.client();
    while (true) {
      Map<String, Object> live;
      try {
        live = Fetch.object(client, v.type(), v.namespace(), v.name());
      } catch (ApiException e) {
        if (e.isNotFound()) {
          return;
        }
        throw e;
      }
      String uid = Json.str(live, "metadata", "uid");
      if (d.uid() != null && uid != null && !uid.equals(d.uid())) {
        return;
      }
      String byName = "metadata.name=" + v.name();
      Fetch.Items items =
          Fetch.list(
              client,
              v.type(),
              v.namespace(),
              new Fetch.ListOptions(null, byName, Fetch.PAGE_SIZE));
      if (items.items().isEmpty()) {
        return;
      }
      long remaining = Duration.ofNanos(deadline - System.nanoTime()).toSeconds();
      if (remaining <= 0) {
        throw CliException.error(
            "timed out waiting for the condition on " + v.type().resource() + "/" + v.name());
      }
      Query q =
          new Query()
              .add("allowWatchBookmarks", "true")
              .add("fieldSelector", byName)
              .add("resourceVersion", items.resourceVersion())
              .add("timeoutSeconds", Long.toString(Math.min(remaining, 300)))
              .add("watch", "true");
      if (watchForDeleted(client, v.type().collectionPath(v.namespace()) + q.encode(), uid)) {
        return;
      }
    }
  }

  private static boolean watchForDeleted(RestClient client, String path, String uid) {
    try (RestClient.Stream s = client.stream("GET", path, RestClient.JSON)) {
      if (s.code() >= 400) {
        throw ApiException.fromResponse(s.code(), s.readAll(), null);
      }
      String line;
      while ((line = s.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Object ev = Json.parse(line);
        String evUid = Json.str(ev, "object", "metadata", "uid");
        if ("DELETED".equals(Json.str(ev, "type")) && (uid == null || uid.equals(evUid))) {
          return true;
        }
      }
    } catch (IOException e) {
      // The stream broke; the caller starts over with a fresh GET.
    }
    return false;
  }

  /** Parses a Go duration such as {@code 30s}, {@code 1m30s}, {@code 500ms}; 0 means a week. */
  static Duration parseDuration(String s) {
    if (s == null || s.isEmpty() || s.equals("0")) {
      return Duration.ofDays(7);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(s);
    double millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      switch (m.group(2)) {
        case "ms":
          millis += n;
          break;
        case "s":
          millis += n * 1000;
          break;
        case "m":
          millis += n * 60_000;
          break;
        default:
          millis += n * 3_600_000;
      }
      end = m.end();
    }
    if (end != s.length()) {
      throw CliException.error(
          "invalid argument \""
              + s
              + "\" for \"--timeout\" flag:"
              + " time: invalid duration \""
              + s
              + "\"");
    }
    return millis == 0 ? Duration.ofDays(7) : Duration.ofMillis((long) millis);
  }
}
