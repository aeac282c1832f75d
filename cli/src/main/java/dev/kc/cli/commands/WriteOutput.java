package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.output.ObjectPrinter;
import java.io.PrintWriter;
import java.util.Map;

/**
 * How write commands (apply, create) report each object: {@code deployment.apps/web created} by
 * default, only the name with {@code -o name}, the server's answer with {@code -o yaml|json}.
 */
final class WriteOutput {

  private final String output;
  private final ObjectPrinter printer;
  private final PrintWriter out;

  /**
   * Creates the reporter.
   *
   * @throws CliException when {@code output} is not empty, name, yaml or json
   */
  WriteOutput(String output, PrintWriter out) {
    this.output = output == null ? "" : output;
    this.out = out;
    if (!this.output.isEmpty()
        && !this.output.equals("name")
        && !this.output.equals("yaml")
        && !this.output.equals("json")) {
      throw CliException.error(
          "unable to match a printer suitable for the output format \""
              + output
              + "\", allowed formats are: json,name,yaml");
    }
    this.printer =
        this.output.equals("yaml") || this.output.equals("json")
            ? ObjectPrinter.forOutput(this.output)
            : null;
  }

  /**
   * Reports one object.
   *
   * @param kindGroup e.g. {@code deployment.apps}
   * @param name the object's name
   * @param operation e.g. {@code created}
   * @param returned the object as the server returned it (for yaml/json), may be {@code null}
   */
  void report(String kindGroup, String name, String operation, Map<String, Object> returned) {
    if (printer != null && returned != null) {
      printer.print(returned, out);
    } else if (output.equals("name")) {
      out.print(kindGroup + "/" + name + "\n");
    } else {
      out.print(kindGroup + "/" + name + " " + operation + "\n");
    }
    out.flush();
  }

  /** Maps kubectl's {@code --validate} values onto the {@code fieldValidation} parameter. */
  static String fieldValidation(String validate) {
    switch (validate == null ? "strict" : validate.toLowerCase(java.util.Locale.ROOT)) {
      case "strict":
      case "true":
        return "Strict";
      case "warn":
        return "Warn";
      case "ignore":
      case "false":
        return "Ignore";
      default:
        throw CliException.error(
            "invalid - validate option \""
                + validate
                + "\"; must be one of: strict (or true), warn, ignore (or false)");
    }
  }
}
