package dev.kc.cli.commands;

import dev.kc.cli.KcCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The deprecated {@code --record} flag: the {@code kubernetes.io/change-cause} annotation value is
 * the command line, rebuilt like kubectl's {@code parseCommandArguments}: the program's base name,
 * the positional words in order (command names included), then every flag as {@code
 * --long-name=value}.
 */
final class ChangeCause {

  /** The annotation kubectl writes. */
  static final String ANNOTATION = "kubernetes.io/change-cause";

  /** cobra's deprecation notice, printed to stderr when {@code --record} is used. */
  static final String DEPRECATION =
      "Flag --record has been deprecated, --record will be removed in the future";

  private ChangeCause() {}

  /**
   * The change cause for the command being run.
   *
   * @param spec the spec of the leaf command (its options, inherited ones included, classify words)
   */
  static String of(CommandSpec spec) {
    List<String> args = KcCommand.of(spec).originalArgs();
    StringBuilder words = new StringBuilder("kc");
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        for (String rest : args.subList(i + 1, args.size())) {
          words.append(' ').append(rest);
        }
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        words.append(' ').append(a);
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      OptionSpec opt = spec.findOption(name);
      if (opt == null) {
        continue;
      }
      String value;
      if (eq > 0) {
        value = a.substring(eq + 1);
      } else if (opt.arity().max() == 0 || isBoolean(opt)) {
        value = "true";
      } else {
        value = i + 1 < args.size() ? args.get(++i) : "";
      }
      flags.add(" " + opt.longestName() + "=" + value);
    }
    for (String f : flags) {
      words.append(f);
    }
    return words.toString();
  }

  private static boolean isBoolean(OptionSpec opt) {
    Class<?> t = opt.type();
    return t == boolean.class || t == Boolean.class;
  }
}
