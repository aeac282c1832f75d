package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.output.JsonPath;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc wait --for=condition=C[=V] | delete | jsonpath=EXPR[=V]}: GETs each object, then lists
 * it by name and watches until the condition holds ({@code condition met}) or {@code --timeout}
 * passes.
 */
@Command(name = "wait", description = WaitCommand.DESCRIPTION)
public final class WaitCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION =
      "Experimental: Wait for a specific condition on one or" + " many resources.";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME...", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Selector (label query) to filter on.")
  String selector;

  @Option(
      names = "--all",
      arity = "0..1",
      fallbackValue = "true",
      description = "Select all resources of the given types in the namespace.")
  boolean all;

  @Option(
      names = "--for",
      paramLabel = "CONDITION",
      description = "create, delete, condition=NAME[=VALUE] or jsonpath='{EXPR}'[=VALUE].")
  String forCondition = "";

  @Option(
      names = "--timeout",
      defaultValue = "30s",
      paramLabel = "DURATION",
      description = "The length of time to wait before giving up (0: check once).")
  String timeout;

  /** What {@code --for} asks, evaluated against the object ({@code null} once it is gone). */
  private interface Check {
    boolean met(Map<String, Object> obj);
  }

  @Override
  public Integer call() {
    Check check = parseFor();
    boolean forDelete = forCondition.equalsIgnoreCase("delete");
    boolean forCreate = forCondition.equalsIgnoreCase("create");
    Duration limit = parseTimeout();
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    PrintWriter out = spec.commandLine().getOut();
    int found = 0;
    for (Targets.Target t : Targets.resolveSelected(args, session, "wait", selector, all)) {
      try {
        Patches.get(c, t, ns);
      } catch (ApiException e) {
        if (forDelete && e.isNotFound()) {
          continue;
        }
        if (!forCreate || !e.isNotFound()) {
          throw e;
        }
      }
      found++;
      if (!ObjectWatch.until(c, t.type(), ns, t.name(), limit, Fetch.PAGE_SIZE, check::met)) {
        throw CliException.error(
            forCreate
                ? "timed out waiting for the condition"
                : "timed out waiting for the condition on " + t.type().resource() + "/" + t.name());
      }
      out.print(t.type().kindGroup() + "/" + t.name() + " condition met\n");
      out.flush();
    }
    if (found == 0 && !forDelete) {
      throw CliException.error("no matching resources found");
    }
    return 0;
  }

  private Duration parseTimeout() {
    if (timeout.equals("0") || timeout.equals("0s")) {
      return Duration.ZERO;
    }
    if (timeout.startsWith("-")) {
      return Duration.ofDays(7);
    }
    return DeleteCommand.parseDuration(timeout);
  }

  private Check parseFor() {
    String lower = forCondition.toLowerCase(Locale.ROOT);
    if (lower.equals("delete")) {
      return obj -> obj == null;
    }
    if (lower.equals("create")) {
      return obj -> obj != null;
    }
    if (lower.startsWith("condition=")) {
      String rest = forCondition.substring("condition=".length());
      int eq = rest.indexOf('=');
      String name = eq < 0 ? rest : rest.substring(0, eq);
      String value = eq < 0 ? "true" : rest.substring(eq + 1);
      return obj -> obj != null && conditionMet(obj, name, value);
    }
    if (lower.startsWith("jsonpath=")) {
      return jsonPathCheck(forCondition.substring("jsonpath=".length()));
    }
    throw CliException.error("unrecognized condition: \"" + forCondition + "\"");
  }

  /** kubectl's condition check, including the observedGeneration guards. */
  private static boolean conditionMet(Map<String, Object> obj, String name, String value) {
    Object generation = Json.at(obj, "metadata", "generation");
    long gen = generation instanceof Number ? ((Number) generation).longValue() : 0;
    Object observed = Json.at(obj, "status", "observedGeneration");
    if (observed instanceof Number && ((Number) observed).longValue() < gen) {
      return false;
    }
    List<Object> conditions = Json.arr(obj, "status", "conditions");
    for (Object cond : conditions == null ? List.of() : conditions) {
      if (!name.equalsIgnoreCase(String.valueOf(Json.str(cond, "type")))) {
        continue;
      }
      Object condGen = Json.at(cond, "observedGeneration");
      if (condGen instanceof Number && ((Number) condGen).longValue() < gen) {
        return false;
      }
      return value.equalsIgnoreCase(String.valueOf(Json.str(cond, "status")));
    }
    return false;
  }

  private static Check jsonPathCheck(String input) {
    String expr = input;
    String value = null;
    int close = input.lastIndexOf('}');
    int eq = input.indexOf('=', Math.max(close, 0));
    if (eq >= 0) {
      expr = input.substring(0, eq);
      value = input.substring(eq + 1);
    }
    if (expr.isEmpty()) {
      throw CliException.error("jsonpath expression cannot be empty");
    }
    if (!expr.startsWith("{")) {
      expr = "{" + (expr.startsWith(".") ? "" : ".") + expr + "}";
    }
    JsonPath path = JsonPath.parse(expr);
    String expected = value;
    return obj -> {
      if (obj == null) {
        return false;
      }
      String got = path.execute(obj);
      return expected == null ? !got.isEmpty() : got.equals(expected);
    };
  }
}
