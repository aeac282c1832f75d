package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.client.Discovery;
import dev.kc.cli.client.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * Named objects for the verbs that act on existing objects ({@code scale}, {@code patch}, {@code
 * label}, {@code set}, {@code rollout}, {@code wait}...): {@code TYPE NAME...} or {@code
 * TYPE/NAME...}, flattened to one entry per object, in argument order.
 */
final class Targets {

  /** One object to act on. */
  record Target(ResourceType type, String name) {}

  /** kubectl's message when no resource was given at all. */
  static final String NO_RESOURCES =
      "error: You must provide one or more resources by argument or filename.\n"
          + "Example resource specifications include:\n"
          + "   '-f rsrc.yaml'\n"
          + "   '--filename=rsrc.json'\n"
          + "   '<resource> <name>'\n"
          + "   '<resource>'";

  private Targets() {}

  /**
   * Resolves resource arguments where a bare type may be combined with {@code -l} or {@code --all}:
   * each such type is listed (with the selector) and every item becomes a target.
   *
   * @param selector the label selector, or {@code null}
   * @param all whether {@code --all} was given
   * @throws CliException as {@link #resolve(List, Discovery, String)}
   */
  static List<Target> resolveSelected(
      List<String> args, dev.kc.cli.Session session, String verb, String selector, boolean all) {
    if (selector == null && !all) {
      return resolve(args, session.discovery(), verb);
    }
    if (args.isEmpty()) {
      throw new CliException(NO_RESOURCES);
    }
    for (String a : args) {
      if (a.contains("/")) {
        throw CliException.error(
            "selectors and the all flag cannot be used when passing resource/name arguments");
      }
    }
    List<Target> out = new ArrayList<>();
    for (ResourceArgs.Target t : ResourceArgs.parse(args, session.discovery(), verb)) {
      if (!t.names().isEmpty()) {
        throw CliException.error("name cannot be provided when a selector is specified");
      }
      Fetch.Items items =
          Fetch.list(
              session.client(),
              t.type(),
              session.namespace(),
              new Fetch.ListOptions(selector, null, Fetch.PAGE_SIZE));
      for (Object item : items.items()) {
        out.add(new Target(t.type(), dev.kc.cli.json.Json.str(item, "metadata", "name")));
      }
    }
    return out;
  }

  /**
   * Resolves resource arguments to objects.
   *
   * @param args the resource arguments (other positional arguments already removed)
   * @param verb the command name, for error messages
   * @throws CliException when no resource, no name, or an unknown type was given
   */
  static List<Target> resolve(List<String> args, Discovery discovery, String verb) {
    if (args.isEmpty()) {
      throw new CliException(NO_RESOURCES);
    }
    List<Target> out = new ArrayList<>();
    for (ResourceArgs.Target t : ResourceArgs.parse(args, discovery, verb)) {
      if (t.names().isEmpty()) {
        throw CliException.error("resource(s) were provided, but no name was specified");
      }
      for (String name : t.names()) {
        out.add(new Target(t.type(), name));
      }
    }
    return out;
  }
}
