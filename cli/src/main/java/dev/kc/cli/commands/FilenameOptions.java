package dev.kc.cli.commands;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -f/--filename} and {@code -R/--recursive} flags shared by file-driven commands. */
public final class FilenameOptions {

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE",
      description = "Files, directories or - (stdin) with the objects.")
  List<String> filenames = new ArrayList<>();

  @Option(
      names = {"-R", "--recursive"},
      arity = "0..1",
      fallbackValue = "true",
      description = "Process the directory used in -f recursively.")
  boolean recursive;
}
