package dev.kc.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code kc} command: holds the global flags and the per-invocation {@link Session}.
 * Subcommands are registered by {@link Main}. Without a subcommand it prints help.
 */
@Command(
    name = "kc",
    synopsisSubcommandLabel = "COMMAND",
    description = "kc controls a local Kubernetes control plane (and any cluster) like kubectl.",
    footer = {"", "Use \"kc <command> --help\" for more information about a given command."})
public final class KcCommand implements Callable<Integer> {

  @Mixin GlobalOptions globals;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Show help for the command.")
  boolean help;

  @Spec CommandSpec spec;

  private final Environment env;
  private Session session;
  private List<String> originalArgs = List.of();

  /** A root command for the given environment. */
  public KcCommand(Environment env) {
    this.env = env;
  }

  /** Finds the root command object from any (sub)command's spec. */
  public static KcCommand of(CommandSpec spec) {
    return (KcCommand) spec.root().userObject();
  }

  /** The environment this invocation runs in. */
  public Environment env() {
    return env;
  }

  /** The connection to the API server for this invocation (created on first use). */
  public Session session() {
    if (session == null) {
      session = new Session(globals, env, spec.commandLine().getErr());
    }
    return session;
  }

  /** Closes the session's connection, if any was opened. */
  public void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  /** The arguments as the user typed them (before kc moved misplaced root flags). */
  public List<String> originalArgs() {
    return originalArgs;
  }

  void originalArgs(String[] args) {
    this.originalArgs = List.of(args);
  }

  /** The {@code -v} level. */
  public int verbosity() {
    return globals.verbosity;
  }

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    cl.usage(cl.getOut());
    return ExitCodes.OK;
  }
}
