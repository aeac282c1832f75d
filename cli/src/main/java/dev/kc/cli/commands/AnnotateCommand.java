package dev.kc.cli.commands;

import picocli.CommandLine.Command;

/** {@code kc annotate}: adds, changes or removes annotations with a JSON merge patch. */
@Command(name = "annotate", description = AnnotateCommand.DESCRIPTION)
public final class AnnotateCommand extends MetadataMapCommand {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Update the annotations on a resource.";

  @Override
  String field() {
    return "annotations";
  }

  @Override
  String noun() {
    return "annotation";
  }

  @Override
  String fieldManager() {
    return "kubectl-annotate";
  }

  @Override
  String overwriteError(String key, String current) {
    return "--overwrite is false but found the following declared annotation(s): '"
        + key
        + "' already has a value ("
        + current
        + ")";
  }

  @Override
  String result(String before, String after) {
    return "annotated";
  }
}
