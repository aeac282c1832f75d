package dev.kc.controlplane.daemon;

import dev.kc.controlplane.objects.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code KC_HOME/kubeconfig} so that kc and real kubectl reach this daemon. An existing file
 * is updated in place: the daemon refreshes its own cluster and user entries and keeps whatever
 * else the user changed (a context's namespace, other clusters).
 */
final class Kubeconfig {
  static final String NAME = "kc";
  static final String USER = "kc-admin";

  private Kubeconfig() {}

  /** The port the file points at, or 0 when there is no usable file. */
  static int previousPort(Path file) {
    try {
      JsonNode cfg = Json.YAML.readTree(Files.readAllBytes(file));
      for (JsonNode c : cfg.path("clusters")) {
        if (c.path("name").asString("").equals(NAME)) {
          return URI.create(c.path("cluster").path("server").asString("")).getPort();
        }
      }
    } catch (IOException | JacksonException | IllegalArgumentException e) {
      // No usable previous file: a fresh port will be chosen.
    }
    return 0;
  }

  static void write(Path file, String server, byte[] caPem, String token) throws IOException {
    ObjectNode cfg = existing(file);
    cfg.put("apiVersion", "v1");
    cfg.put("kind", "Config");
    ObjectNode cluster = named(cfg, "clusters", NAME).putObject("cluster");
    cluster.put("server", server);
    cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(caPem));
    named(cfg, "users", USER).putObject("user").put("token", token);
    ObjectNode context = named(cfg, "contexts", NAME);
    ObjectNode ctx =
        context.get("context") instanceof ObjectNode o ? o : context.putObject("context");
    ctx.put("cluster", NAME);
    ctx.put("user", USER);
    if (cfg.path("current-context").asString("").isEmpty()) {
      cfg.put("current-context", NAME);
    }
    if (!cfg.has("preferences")) {
      cfg.putObject("preferences");
    }
    String yaml = Json.YAML.writeValueAsString(cfg);
    Home.writePrivate(file, yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode existing(Path file) {
    try {
      if (Files.exists(file)) {
        JsonNode n = Json.YAML.readTree(Files.readAllBytes(file));
        if (n instanceof ObjectNode o) {
          return o;
        }
      }
    } catch (IOException | JacksonException e) {
      // Unreadable: start afresh.
    }
    return Json.object();
  }

  /** The entry of {@code list} with this name, created (and emptied of old data) as needed. */
  private static ObjectNode named(ObjectNode cfg, String list, String name) {
    JsonNode l = cfg.get(list);
    ArrayNode array = l instanceof ArrayNode a ? a : cfg.putArray(list);
    for (JsonNode e : array) {
      if (e.path("name").asString("").equals(name) && e instanceof ObjectNode o) {
        return o;
      }
    }
    ObjectNode entry = array.addObject();
    entry.put("name", name);
    return entry;
  }
}
