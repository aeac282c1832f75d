package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kc set image TYPE NAME CONTAINER=IMAGE...}: updates container images. */
@Command(name = "image", description = SetImageCommand.DESCRIPTION)
public final class SetImageCommand extends SetSubcommand {

  /** One-line summary. */
  public static final String DESCRIPTION = "Update the image of a pod template.";

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME... CONTAINER=IMAGE...", arity = "0..*")
  List<String> args = new ArrayList<>();

  private final Map<String, String> images = new LinkedHashMap<>();

  @Override
  List<String> resources() {
    List<String> resources = new ArrayList<>();
    for (String a : args) {
      if (a.contains("=")) {
        int eq = a.indexOf('=');
        images.put(a.substring(0, eq), a.substring(eq + 1));
      } else {
        resources.add(a);
      }
    }
    if (resources.isEmpty()) {
      throw CliException.error(
          "one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if (images.isEmpty()) {
      throw CliException.error("at least one image update is required");
    }
    return resources;
  }

  @Override
  void update(Map<String, Object> podSpec, List<String> errors) {
    for (Map.Entry<String, String> e : images.entrySet()) {
      boolean found = false;
      for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
        for (Map<String, Object> c : containers(podSpec, field)) {
          if (e.getKey().equals("*") || e.getKey().equals(c.get("name"))) {
            c.put("image", e.getValue());
            found = true;
          }
        }
      }
      if (!found) {
        errors.add("error: unable to find container named \"" + e.getKey() + "\"");
      }
    }
  }

  @Override
  String result() {
    return "image updated";
  }
}
