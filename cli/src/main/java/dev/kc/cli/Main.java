package dev.kc.cli;

import dev.kc.cli.client.ApiException;
import dev.kc.cli.commands.AnnotateCommand;
import dev.kc.cli.commands.ApiResourcesCommand;
import dev.kc.cli.commands.ApplyCommand;
import dev.kc.cli.commands.AutoscaleCommand;
import dev.kc.cli.commands.ClusterInfoCommand;
import dev.kc.cli.commands.CreateCommand;
import dev.kc.cli.commands.DeleteCommand;
import dev.kc.cli.commands.DescribeCommand;
import dev.kc.cli.commands.EditCommand;
import dev.kc.cli.commands.ExplainCommand;
import dev.kc.cli.commands.GetCommand;
import dev.kc.cli.commands.LabelCommand;
import dev.kc.cli.commands.PatchCommand;
import dev.kc.cli.commands.RolloutCommand;
import dev.kc.cli.commands.ScaleCommand;
import dev.kc.cli.commands.SetCommand;
import dev.kc.cli.commands.VersionCommand;
import dev.kc.cli.commands.WaitCommand;
import dev.kc.cli.daemon.DaemonCommand;
import dev.kc.cli.sim.ExecCommand;
import dev.kc.cli.sim.ImageCommand;
import dev.kc.cli.sim.LogsCommand;
import dev.kc.cli.sim.NodeCommand;
import dev.kc.cli.sim.SimCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code kc} entry point.
 *
 * <p>In-process use (tests, a future REPL): {@code Main.newCommandLine(env)} returns a fully
 * configured picocli {@link CommandLine}; set its out/err writers and call {@code execute(args)};
 * the return value is the exit code. Commands never call {@link System#exit}.
 */
public final class Main {

  private Main() {}

  /** The top-level commands, in help order. */
  private static final String[] COMMANDS = {
    "get",
    "apply",
    "create",
    "delete",
    "describe",
    "exec",
    "logs",
    "version",
    "cluster-info",
    "daemon",
    "sim",
    "image",
    "node",
    "scale",
    "patch",
    "label",
    "annotate",
    "set",
    "rollout",
    "wait",
    "edit",
    "api-resources",
    "autoscale",
    "explain"
  };

  /** The summaries of {@link #COMMANDS}, in the same order. */
  private static final String[] DESCRIPTIONS = {
    GetCommand.DESCRIPTION,
    ApplyCommand.DESCRIPTION,
    CreateCommand.DESCRIPTION,
    DeleteCommand.DESCRIPTION,
    DescribeCommand.DESCRIPTION,
    ExecCommand.DESCRIPTION,
    LogsCommand.DESCRIPTION,
    VersionCommand.DESCRIPTION,
    ClusterInfoCommand.DESCRIPTION,
    DaemonCommand.DESCRIPTION,
    SimCommand.DESCRIPTION,
    ImageCommand.DESCRIPTION,
    NodeCommand.DESCRIPTION,
    ScaleCommand.DESCRIPTION,
    PatchCommand.DESCRIPTION,
    LabelCommand.DESCRIPTION,
    AnnotateCommand.DESCRIPTION,
    SetCommand.DESCRIPTION,
    RolloutCommand.DESCRIPTION,
    WaitCommand.DESCRIPTION,
    EditCommand.DESCRIPTION,
    ApiResourcesCommand.DESCRIPTION,
    AutoscaleCommand.DESCRIPTION,
    ExplainCommand.DESCRIPTION
  };

  /** Root flags that take a value as the next argument (for finding the command quickly). */
  private static final String[] ROOT_VALUE_FLAGS = {
    "--kubeconfig", "--context", "-n", "--namespace", "-s", "--server", "--token", "-v", "--v"
  };

  /** Runs kc and exits the JVM with kubectl's exit code. */
  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8),
            false);
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8),
            true);
    // Only the command being run is built: picocli's model costs start-up time per command.
    CommandLine cl = newCommandLine(Environment.system(), commandName(hoistUnknownRootFlags(args)));
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Builds the configured command line with every command: root command, subcommands, kubectl-style
   * error handling (messages, exit code 1, stack traces only with {@code KC_DEBUG=1} or {@code
   * -v=9}).
   */
  public static CommandLine newCommandLine(Environment env) {
    return build(env, null, true);
  }

  /**
   * Like {@link #newCommandLine(Environment)}, but only {@code command} is built from its annotated
   * class; the other commands are light placeholders that carry just their name and summary (enough
   * for {@code kc --help} and unknown-command errors). {@code null} builds none.
   */
  public static CommandLine newCommandLine(Environment env, String command) {
    return build(env, command, false);
  }

  private static CommandLine build(Environment env, String command, boolean all) {
    KcCommand root = new KcCommand(env);
    CommandLine cl =
        new CommandLine(root) {
          @Override
          public int execute(String... args) {
            root.originalArgs(args);
            return super.execute(hoistUnknownRootFlags(args));
          }
        };
    for (int i = 0; i < COMMANDS.length; i++) {
      String name = COMMANDS[i];
      if (all || name.equals(command)) {
        cl.addSubcommand(name, newCommand(name));
      } else {
        CommandSpec placeholder = CommandSpec.create().name(name);
        placeholder.usageMessage().description(DESCRIPTIONS[i]);
        cl.addSubcommand(name, placeholder);
      }
    }
    cl.setOverwrittenOptionsAllowed(true);
    Handlers handlers = new Handlers(env, root);
    cl.setExecutionExceptionHandler(handlers);
    cl.setParameterExceptionHandler(handlers);
    cl.setExecutionStrategy(handlers);
    return cl;
  }

  private static Object newCommand(String name) {
    switch (name) {
      case "get":
        return new GetCommand();
      case "apply":
        return new ApplyCommand();
      case "create":
        return new CreateCommand();
      case "delete":
        return new DeleteCommand();
      case "describe":
        return new DescribeCommand();
      case "version":
        return new VersionCommand();
      case "cluster-info":
        return new ClusterInfoCommand();
      case "exec":
        return new ExecCommand();
      case "logs":
        return new LogsCommand();
      case "sim":
        return new SimCommand();
      case "image":
        return new ImageCommand();
      case "node":
        return new NodeCommand();
      case "scale":
        return new ScaleCommand();
      case "patch":
        return new PatchCommand();
      case "label":
        return new LabelCommand();
      case "annotate":
        return new AnnotateCommand();
      case "set":
        return new SetCommand();
      case "rollout":
        return new RolloutCommand();
      case "wait":
        return new WaitCommand();
      case "edit":
        return new EditCommand();
      case "api-resources":
        return new ApiResourcesCommand();
      case "autoscale":
        return new AutoscaleCommand();
      case "explain":
        return new ExplainCommand();
      default:
        return new DaemonCommand();
    }
  }

  /** Commands whose first positional argument names a subcommand. */
  private static final List<String> GROUP_COMMANDS = List.of("set", "rollout");

  /**
   * Moves flags the root command does not know from before the command to right after it (and its
   * subcommand), as cobra lets them through: {@code kc --record D set image D app=app:1} runs
   * {@code set image --record D D app=app:1}. Like cobra, {@code --flag} without {@code =} takes
   * the next word along.
   */
  static String[] hoistUnknownRootFlags(String[] args) {
    List<String> moved = new java.util.ArrayList<>();
    List<String> kept = new java.util.ArrayList<>();
    int i = 0;
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--") || !a.startsWith("-") || a.equals("-")) {
        break;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      boolean known = List.of(ROOT_VALUE_FLAGS).contains(name);
      if (known || ROOT_BOOLEAN_FLAGS.contains(name) || name.startsWith("-v")) {
        kept.add(a);
        if (known && !a.contains("=") && i + 1 < args.length) {
          kept.add(args[++i]);
        }
        continue;
      }
      moved.add(a);
      if (a.startsWith("--") && !a.contains("=") && i + 1 < args.length) {
        moved.add(args[++i]);
      }
    }
    if (moved.isEmpty() || i >= args.length || args[i].equals("--")) {
      return args;
    }
    kept.add(args[i]);
    if (GROUP_COMMANDS.contains(args[i]) && i + 1 < args.length && !args[i + 1].startsWith("-")) {
      kept.add(args[++i]);
    }
    kept.addAll(moved);
    for (i++; i < args.length; i++) {
      kept.add(args[i]);
    }
    return kept.toArray(new String[0]);
  }

  private static final List<String> ROOT_BOOLEAN_FLAGS =
      List.of("--insecure-skip-tls-verify", "-h", "--help");

  /** The first argument that is not a root flag (or its value): the command's name, or null. */
  static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return i + 1 < args.length ? args[i + 1] : null;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        return a;
      }
      for (String flag : ROOT_VALUE_FLAGS) {
        if (a.equals(flag)) {
          i++;
          break;
        }
      }
    }
    return null;
  }

  /** picocli callbacks: error reporting and closing the session after the command ran. */
  private static final class Handlers
      implements CommandLine.IExecutionExceptionHandler,
          CommandLine.IParameterExceptionHandler,
          CommandLine.IExecutionStrategy {
    private final Environment env;
    private final KcCommand root;

    Handlers(Environment env, KcCommand root) {
      this.env = env;
      this.root = root;
    }

    @Override
    public int handleExecutionException(
        Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
      PrintWriter err = cmd.getErr();
      err.println(message(ex));
      if (env.debug() || root.verbosity() >= 9) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ex instanceof CliException ? ((CliException) ex).exitCode() : ExitCodes.ERROR;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println(usageError(ex));
      if (!(ex instanceof UnmatchedArgumentException && isUnknownCommand(ex))) {
        err.println(
            "See '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      if (env.debug()) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.ERROR;
    }

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
      try {
        return new CommandLine.RunLast().execute(parseResult);
      } finally {
        root.closeSession();
      }
    }
  }

  /** The text kubectl would print for an error that ends a command. */
  public static String message(Throwable ex) {
    if (ex instanceof ApiException) {
      return ((ApiException) ex).kubectlMessage();
    }
    if (ex instanceof CliException) {
      return ex.getMessage();
    }
    String msg = ex.getMessage();
    if (msg == null || msg.isEmpty()) {
      msg = ex.getClass().getSimpleName();
    }
    return msg.startsWith("error: ") ? msg : "error: " + msg;
  }

  /** Maps picocli's parse errors onto cobra's (kubectl's) wording. */
  static String usageError(ParameterException ex) {
    if (ex instanceof UnmatchedArgumentException) {
      List<String> unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
      String first = unmatched.isEmpty() ? "" : unmatched.get(0);
      if (first.startsWith("--")) {
        int eq = first.indexOf('=');
        return "Error: unknown flag: " + (eq > 0 ? first.substring(0, eq) : first);
      }
      if (first.startsWith("-") && first.length() > 1) {
        return "Error: unknown shorthand flag: '" + first.charAt(1) + "' in " + first;
      }
      CommandSpec spec = ex.getCommandLine().getCommandSpec();
      return "Error: unknown command \"" + first + "\" for \"" + spec.qualifiedName() + "\"";
    }
    if (ex instanceof CommandLine.MissingParameterException) {
      List<ArgSpec> missing = ((CommandLine.MissingParameterException) ex).getMissing();
      if (!missing.isEmpty() && missing.get(0) instanceof OptionSpec) {
        return "Error: flag needs an argument: " + typedName(ex, (OptionSpec) missing.get(0));
      }
    }
    Matcher m =
        Pattern.compile(
                "Invalid value for option '([^']+)': '(.*)' is not an? (\\w+)", Pattern.DOTALL)
            .matcher(String.valueOf(ex.getMessage()));
    if (m.find()) {
      OptionSpec opt = ex.getCommandLine().getCommandSpec().findOption(m.group(1));
      String flag = opt == null ? m.group(1) : cobraFlagName(opt);
      String parser = m.group(3).equals("boolean") ? "strconv.ParseBool" : "strconv.ParseInt";
      return "Error: invalid argument \""
          + m.group(2)
          + "\" for \""
          + flag
          + "\" flag: "
          + parser
          + ": parsing \""
          + m.group(2)
          + "\": invalid syntax";
    }
    return "Error: " + ex.getMessage();
  }

  private static boolean isUnknownCommand(ParameterException ex) {
    List<String> unmatched = ((UnmatchedArgumentException) ex).getUnmatched();
    return !unmatched.isEmpty()
        && !unmatched.get(0).startsWith("-")
        && !ex.getCommandLine().getSubcommands().isEmpty();
  }

  /** {@code 'n' in -n} or {@code --namespace}, depending on what the user typed. */
  private static String typedName(ParameterException ex, OptionSpec opt) {
    List<String> args =
        ex.getCommandLine().getParseResult() == null
            ? List.of()
            : ex.getCommandLine().getParseResult().originalArgs();
    for (int i = args.size() - 1; i >= 0; i--) {
      String a = args.get(i);
      for (String name : opt.names()) {
        if (a.equals(name)) {
          return name.startsWith("--") ? name : "'" + name.substring(1) + "' in " + name;
        }
      }
    }
    return opt.longestName();
  }

  private static String cobraFlagName(OptionSpec opt) {
    String shortName = null;
    for (String n : opt.names()) {
      if (!n.startsWith("--")) {
        shortName = n;
      }
    }
    return shortName == null ? opt.longestName() : shortName + ", " + opt.longestName();
  }
}
