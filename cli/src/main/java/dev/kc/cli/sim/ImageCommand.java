package dev.kc.cli.sim;

import dev.kc.cli.ExitCodes;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc image load|ls|rm}: images present on every simulated node, like {@code kind load
 * docker-image}.
 */
@Command(
    name = "image",
    description = ImageCommand.DESCRIPTION,
    subcommands = {ImageCommand.Load.class, ImageCommand.Ls.class, ImageCommand.Rm.class})
public final class ImageCommand implements Callable<Integer> {
  public static final String DESCRIPTION = "Manage locally built images present on every node.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code kc image load NAME[:TAG]... [--port P]...}. */
  @Command(
      name = "load",
      description = "Make images present on every node.",
      footer = {
        "",
        "Examples:",
        "  kc image load app:1.0.0 app:1.0.1",
        "  kc image load web:2 --port 8080"
      })
  public static final class Load implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME[:TAG]", arity = "1..*")
    List<String> names;

    @Option(
        names = "--port",
        paramLabel = "PORT",
        description = "A port the image serves on (answers HTTP and TCP probes); repeatable.")
    List<Integer> ports = new ArrayList<>();

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("names", new ArrayList<Object>(names));
      List<Object> p = new ArrayList<>();
      for (Integer port : ports) {
        p.add((long) port);
      }
      body.put("ports", p);
      KcApi.post(spec, "/kc/v1/images", body);
      PrintWriter out = spec.commandLine().getOut();
      for (String n : names) {
        out.println("image " + n + " loaded");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code kc image ls}. */
  @Command(name = "ls", aliases = "list", description = "List loaded images.")
  public static final class Ls implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Object r = KcApi.get(spec, "/kc/v1/images");
      PrintWriter out = spec.commandLine().getOut();
      List<Object> images = Json.arr(r, "images");
      if (images.isEmpty()) {
        spec.commandLine().getErr().println("No images loaded.");
        return ExitCodes.OK;
      }
      int width = "IMAGE".length();
      for (Object i : images) {
        width = Math.max(width, Json.str(i, "name").length());
      }
      out.println(pad("IMAGE", width) + "   " + pad("PORTS", 12) + "   LOADED");
      for (Object i : images) {
        List<String> ports = new ArrayList<>();
        for (Object p : Json.arr(i, "ports")) {
          ports.add(Json.formatNumber((Number) p));
        }
        out.println(
            pad(Json.str(i, "name"), width)
                + "   "
                + pad(ports.isEmpty() ? "<none>" : String.join(",", ports), 12)
                + "   "
                + Json.str(i, "loadedAt"));
      }
      return ExitCodes.OK;
    }

    private static String pad(String s, int width) {
      return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
  }

  /** {@code kc image rm NAME...}. */
  @Command(name = "rm", aliases = "remove", description = "Remove loaded images.")
  public static final class Rm implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME[:TAG]", arity = "1..*")
    List<String> names;

    @Override
    public Integer call() {
      StringBuilder q = new StringBuilder();
      for (String n : names) {
        q.append(q.length() == 0 ? "?" : "&").append("name=").append(KcApi.encode(n));
      }
      KcApi.delete(spec, "/kc/v1/images" + q);
      for (String n : names) {
        spec.commandLine().getOut().println("image " + n + " removed");
      }
      return ExitCodes.OK;
    }
  }
}
