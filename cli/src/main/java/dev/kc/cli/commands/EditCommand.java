package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.Environment;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import dev.kc.cli.json.Yaml;
import dev.kc.cli.output.YamlWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc edit TYPE NAME}: writes the object as YAML to a temporary file, runs {@code
 * $KUBE_EDITOR}, {@code $EDITOR} or {@code vi} on it, and PATCHes the changed fields (two-way
 * strategic merge patch, {@code fieldManager=kubectl-edit}).
 */
@Command(name = "edit", description = EditCommand.DESCRIPTION)
public final class EditCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Edit a resource on the server.";

  static final String HEADER =
      "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
          + "# and an empty file will abort the edit. If an error occurs while saving this file"
          + " will be\n"
          + "# reopened with the relevant failures.\n"
          + "#\n";

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--field-manager",
      defaultValue = "kubectl-edit",
      paramLabel = "NAME",
      description = "Name of the manager used to track field ownership.")
  String fieldManager;

  @Option(
      names = "--validate",
      defaultValue = "strict",
      arity = "0..1",
      fallbackValue = "strict",
      paramLabel = "strict|warn|ignore",
      description = "Server-side field validation.")
  String validate;

  @Override
  public Integer call() throws IOException, InterruptedException {
    KcCommand root = KcCommand.of(spec);
    Session session = root.session();
    RestClient c = session.client();
    String ns = session.namespace();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String validation = WriteOutput.fieldValidation(validate);
    // TODO: several objects are edited one after the other; kubectl edits them as one List.
    for (Targets.Target t : Targets.resolve(args, session.discovery(), "edit")) {
      Map<String, Object> original = Patches.get(c, t, ns);
      Json.child(original, "metadata").remove("managedFields");
      String text = HEADER + YamlWriter.write(original);
      String edited = runEditor(root.env(), text);
      if (!hasContent(edited)) {
        err.println("Edit cancelled, saved file was empty.");
        continue;
      }
      if (stripComments(edited).equals(stripComments(text))) {
        err.println("Edit cancelled, no changes made.");
        continue;
      }
      Map<String, Object> modified = parse(edited);
      Map<String, Object> patch = Patches.twoWay(original, modified);
      if (patch.isEmpty()) {
        err.println("Edit cancelled, no changes made.");
        continue;
      }
      // TODO: kubectl reopens the editor with the server's errors; kc reports them and stops.
      String path =
          t.type().objectPath(ns, t.name())
              + new Query().add("fieldManager", fieldManager).add("fieldValidation", validation);
      c.sendJson("PATCH", path, Patches.STRATEGIC, patch, "patch " + t.type().groupResource());
      out.print(t.type().kindGroup() + "/" + t.name() + " edited\n");
      out.flush();
    }
    return 0;
  }

  private static String runEditor(Environment env, String text)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("kc-edit-", ".yaml");
    try {
      Files.writeString(file, text);
      String editor = env.getenv("KUBE_EDITOR");
      if (editor == null || editor.isEmpty()) {
        editor = env.getenv("EDITOR");
      }
      if (editor == null || editor.isEmpty()) {
        editor = "vi";
      }
      Process p =
          new ProcessBuilder(
                  "sh", "-c", editor + " '" + file.toString().replace("'", "'\\''") + "'")
              .inheritIO()
              .start();
      int code = p.waitFor();
      if (code != 0) {
        throw CliException.error("there was a problem with the editor \"" + editor + "\"");
      }
      return Files.readString(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static boolean hasContent(String text) {
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (!l.isEmpty() && !l.startsWith("#")) {
        return true;
      }
    }
    return false;
  }

  private static String stripComments(String text) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.trim().startsWith("#")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }

  private static Map<String, Object> parse(String text) {
    try {
      Map<String, Object> obj = Json.obj(Yaml.parse(text));
      if (obj == null) {
        throw CliException.error("edited object is not a mapping");
      }
      return obj;
    } catch (Yaml.YamlException e) {
      throw CliException.error("error parsing edited object: " + e.getMessage());
    }
  }
}
