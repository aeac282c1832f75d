package dev.kc.cli.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kc set}: the group of commands that change one aspect of existing workloads. */
@Command(
    name = "set",
    description = SetCommand.DESCRIPTION,
    subcommands = {SetImageCommand.class, SetResourcesCommand.class})
public final class SetCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Set specific features on objects.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
