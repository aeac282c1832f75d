package dev.kc.cli.commands;

import picocli.CommandLine.Command;

/** {@code kc label}: adds, changes or removes labels with a JSON merge patch. */
@Command(name = "label", description = LabelCommand.DESCRIPTION)
public final class LabelCommand extends MetadataMapCommand {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Update the labels on a resource.";

  @Override
  String field() {
    return "labels";
  }

  @Override
  String noun() {
    return "label";
  }

  @Override
  String fieldManager() {
    return "kubectl-label";
  }

  @Override
  String overwriteError(String key, String current) {
    return "'" + key + "' already has a value (" + current + "), and --overwrite is false";
  }

  /** kubectl's {@code updateDataChangeMsg}: a shorter object without overwrite means removal. */
  @Override
  String result(String before, String after) {
    if (before.equals(after)) {
      return "not labeled";
    }
    return !overwrite && after.length() < before.length() ? "unlabeled" : "labeled";
  }
}
