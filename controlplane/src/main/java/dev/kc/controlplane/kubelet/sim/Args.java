package dev.kc.controlplane.kubelet.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * getopt-style parsing for the utilities: grouped flags ({@code -rf}), options with values ({@code
 * -n 5}, {@code -n5}), a few long options, {@code --} and operands anywhere (GNU permutation).
 */
final class Args {
  final Set<Character> flags = new HashSet<>();
  final Map<Character, String> values = new HashMap<>();
  final List<String> operands = new ArrayList<>();

  /** The first unknown option, for {@code invalid option -- 'z'}; null if none. */
  String invalid;

  private Args() {}

  /**
   * Parses {@code args}.
   *
   * @param flagLetters the letters that are flags
   * @param valueLetters the letters that take a value
   * @param longOptions long option names mapped to their letter; a trailing {@code =} in the name
   *     means it takes a value ({@code lines=} for {@code --lines=5})
   */
  static Args parse(
      List<String> args,
      String flagLetters,
      String valueLetters,
      Map<String, Character> longOptions) {
    Args a = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        a.operands.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (arg.startsWith("--")) {
        i = a.parseLong(args, i, longOptions);
        continue;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        a.operands.add(arg);
        continue;
      }
      for (int j = 1; j < arg.length(); j++) {
        char c = arg.charAt(j);
        if (valueLetters.indexOf(c) >= 0) {
          String value =
              j + 1 < arg.length()
                  ? arg.substring(j + 1)
                  : i + 1 < args.size() ? args.get(++i) : null;
          if (value == null) {
            a.invalid = a.invalid == null ? String.valueOf(c) : a.invalid;
          } else {
            a.values.put(c, value);
          }
          break;
        }
        if (flagLetters.indexOf(c) >= 0) {
          a.flags.add(c);
        } else if (a.invalid == null) {
          a.invalid = String.valueOf(c);
        }
      }
    }
    return a;
  }

  private int parseLong(List<String> args, int i, Map<String, Character> longOptions) {
    String arg = args.get(i).substring(2);
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg : arg.substring(0, eq);
    Character withValue = longOptions.get(name + "=");
    if (withValue != null) {
      String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.size() ? args.get(++i) : "";
      values.put(withValue, value);
      return i;
    }
    Character flag = longOptions.get(name);
    if (flag != null) {
      flags.add(flag);
    } else if (invalid == null) {
      invalid = "-" + name;
    }
    return i;
  }

  boolean has(char c) {
    return flags.contains(c);
  }

  String value(char c) {
    return values.get(c);
  }

  /** Prints coreutils' complaint about {@link #invalid} and returns {@code code}. */
  int usage(Invocation inv, int code) {
    String what =
        invalid.startsWith("-")
            ? "unrecognized option '-" + invalid + "'"
            : "invalid option -- '" + invalid + "'";
    inv.complain(what);
    inv.err("Try '" + inv.name() + " --help' for more information.\n");
    return code;
  }
}
