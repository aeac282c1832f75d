package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.client.Discovery;
import dev.kc.cli.client.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the positional arguments of {@code get}, {@code delete} and {@code describe} into typed
 * targets, accepting kubectl's two forms: {@code TYPE[,TYPE...] [NAME...]} and {@code TYPE/NAME...}
 * (the forms cannot be mixed).
 */
final class ResourceArgs {

  /**
   * One resource type and the names asked for.
   *
   * @param type the resolved type
   * @param names the names; empty means "all of this type"
   */
  record Target(ResourceType type, List<String> names) {}

  private ResourceArgs() {}

  /**
   * Resolves arguments.
   *
   * @param args positional arguments (non-empty)
   * @param verb the command name for error messages
   * @throws CliException for mixed forms, malformed {@code TYPE/NAME} or unknown types
   */
  static List<Target> parse(List<String> args, Discovery discovery, String verb) {
    boolean slashForm = false;
    for (String a : args) {
      slashForm |= a.contains("/");
    }
    List<Target> targets = new ArrayList<>();
    if (!slashForm) {
      List<String> names = args.subList(1, args.size());
      for (ResourceType t : discovery.resolveList(args.get(0))) {
        targets.add(new Target(t, new ArrayList<>(names)));
      }
      return targets;
    }
    for (String a : args) {
      int slash = a.indexOf('/');
      if (slash < 0) {
        throw CliException.error(
            "there is no need to specify a resource type as a separate"
                + " argument when passing arguments in resource/name form (e.g. 'kc "
                + verb
                + " resource/<resource_name>' instead of 'kc "
                + verb
                + " resource resource/<resource_name>'");
      }
      String typed = a.substring(0, slash);
      String name = a.substring(slash + 1);
      if (typed.isEmpty() || name.isEmpty() || name.contains("/")) {
        throw CliException.error(
            "arguments in resource/name form must have a single resource and name");
      }
      ResourceType t = discovery.resolve(typed);
      Target last = targets.isEmpty() ? null : targets.get(targets.size() - 1);
      if (last != null && last.type().equals(t)) {
        last.names().add(name);
      } else {
        List<String> names = new ArrayList<>();
        names.add(name);
        targets.add(new Target(t, names));
      }
    }
    return targets;
  }
}
