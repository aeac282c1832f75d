package dev.kc.cli.client;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import dev.kc.cli.json.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads kubeconfig files and resolves the cluster, user and namespace to use, following kubectl's
 * precedence.
 *
 * <p>Which files: {@code --kubeconfig} alone if given (it must exist); else every file listed in
 * {@code KUBECONFIG} (colon separated, missing files ignored), merged so that the first file
 * defining a cluster, user, context or {@code current-context} wins; else kc's own {@code
 * $KC_HOME/kubeconfig}. Relative file references inside a kubeconfig resolve against that file's
 * directory.
 */
public final class Kubeconfig {

  /** Command-line overrides, each {@code null} when not given. */
  public record Overrides(
      String kubeconfig,
      String context,
      String namespace,
      String server,
      String token,
      boolean insecure) {}

  private final Map<String, Entry> clusters = new LinkedHashMap<>();
  private final Map<String, Entry> users = new LinkedHashMap<>();
  private final Map<String, Entry> contexts = new LinkedHashMap<>();
  private String currentContext;
  private Path cache;

  /** A named section plus the directory its file lives in (for relative paths). */
  private record Entry(Map<String, Object> body, Path dir) {}

  private Kubeconfig() {}

  /**
   * Resolves the connection settings.
   *
   * @param overrides flags from the command line
   * @param kubeconfigEnv the value of {@code KUBECONFIG}, or {@code null}
   * @param kcKubeconfig kc's own kubeconfig path ({@code $KC_HOME/kubeconfig})
   * @return the resolved settings; when nothing names a server, kubectl's fallback {@code
   *     http://localhost:8080}
   * @throws CliException for a missing {@code --kubeconfig} file, an unknown {@code --context} or
   *     an unreadable file
   */
  public static ClusterConfig resolve(
      Overrides overrides, String kubeconfigEnv, Path kcKubeconfig) {
    return resolve(overrides, kubeconfigEnv, kcKubeconfig, null);
  }

  /**
   * Like {@link #resolve(Overrides, String, Path)}, caching the parsed form of kc's own kubeconfig
   * as JSON in {@code parsedCache} (reparsed whenever the file's size or modification time
   * changes), so that the YAML engine is not loaded on every command.
   *
   * @param parsedCache the cache file, or {@code null} for no caching
   */
  public static ClusterConfig resolve(
      Overrides overrides, String kubeconfigEnv, Path kcKubeconfig, Path parsedCache) {
    Kubeconfig kc = new Kubeconfig();
    boolean kcOwned = false;
    if (overrides.kubeconfig() != null && !overrides.kubeconfig().isEmpty()) {
      Path p = Path.of(overrides.kubeconfig());
      if (!Files.exists(p)) {
        throw CliException.error("stat " + overrides.kubeconfig() + ": no such file or directory");
      }
      kc.load(p);
    } else if (kubeconfigEnv != null && !kubeconfigEnv.isEmpty()) {
      for (String part : kubeconfigEnv.split(":")) {
        if (!part.isEmpty()) {
          kc.loadIfExists(Path.of(part));
        }
      }
    } else {
      kcOwned = overrides.server() == null;
      kc.cache = parsedCache;
      kc.loadIfExists(kcKubeconfig);
    }
    return kc.select(overrides, kcOwned);
  }

  private void loadIfExists(Path p) {
    try {
      load(p);
    } catch (CliException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e;
      }
    }
  }

  private void load(Path p) {
    String text;
    String stamp;
    try {
      stamp = Files.size(p) + "/" + Files.getLastModifiedTime(p).toMillis();
      Object cached = readCache(stamp);
      if (cached != null) {
        add(p, cached);
        return;
      }
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      CliException ce = CliException.error("stat " + p + ": no such file or directory");
      ce.initCause(e);
      throw ce;
    } catch (IOException e) {
      throw CliException.error("unable to read kubeconfig " + p + ": " + e.getMessage());
    }
    Object doc;
    try {
      String trimmed = text.stripLeading();
      if (trimmed.startsWith("{")) {
        doc = Json.parse(trimmed);
      } else {
        doc = Yaml.parse(text);
        writeCache(stamp, doc);
      }
    } catch (RuntimeException e) {
      throw new CliException("error: error loading config file \"" + p + "\": " + e.getMessage());
    }
    add(p, doc);
  }

  private Object readCache(String stamp) {
    if (cache == null || !Files.isRegularFile(cache)) {
      return null;
    }
    try {
      Object c = Json.parse(Files.readString(cache, StandardCharsets.UTF_8));
      return stamp.equals(Json.str(c, "stamp")) ? Json.at(c, "doc") : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Caches a parsed kubeconfig; it holds credentials, so only its owner may read it. */
  private void writeCache(String stamp, Object doc) {
    if (cache == null) {
      return;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("stamp", stamp);
    c.put("doc", doc);
    try {
      Files.createDirectories(
          cache.getParent(),
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      Path tmp = Files.createTempFile(cache.getParent(), "kubeconfig", ".tmp");
      Files.writeString(tmp, Json.compact(c), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          cache,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      // The cache only saves time; failing to write it is harmless.
    }
  }

  private void add(Path p, Object doc) {
    if (!(doc instanceof Map)) {
      return;
    }
    Path dir = p.toAbsolutePath().getParent();
    merge(clusters, Json.arr(doc, "clusters"), "cluster", dir);
    merge(users, Json.arr(doc, "users"), "user", dir);
    merge(contexts, Json.arr(doc, "contexts"), "context", dir);
    String cur = Json.str(doc, "current-context");
    if (currentContext == null && cur != null && !cur.isEmpty()) {
      currentContext = cur;
    }
  }

  private static void merge(Map<String, Entry> into, List<Object> list, String field, Path dir) {
    if (list == null) {
      return;
    }
    for (Object item : list) {
      String name = Json.str(item, "name");
      Map<String, Object> body = Json.obj(item, field);
      if (name != null && !into.containsKey(name)) {
        into.put(name, new Entry(body == null ? new LinkedHashMap<>() : body, dir));
      }
    }
  }

  private ClusterConfig select(Overrides o, boolean kcOwned) {
    String ctxName = o.context() != null && !o.context().isEmpty() ? o.context() : currentContext;
    Entry ctx = ctxName == null ? null : contexts.get(ctxName);
    if (o.context() != null && !o.context().isEmpty() && ctx == null) {
      throw new CliException(
          "Error in configuration: context was not found for specified context: " + o.context());
    }
    Entry cluster = ctx == null ? null : clusters.get(Json.str(ctx.body(), "cluster"));
    Entry user = ctx == null ? null : users.get(Json.str(ctx.body(), "user"));

    String server = o.server();
    if (server == null && cluster != null) {
      server = Json.str(cluster.body(), "server");
    }
    if (server == null || server.isEmpty()) {
      server = "http://localhost:8080";
    } else if (!server.contains("://")) {
      server = "https://" + server;
    }
    String ca = null;
    boolean insecure = o.insecure();
    if (cluster != null) {
      ca = readData(cluster, "certificate-authority-data", "certificate-authority");
      insecure |= Boolean.TRUE.equals(Json.at(cluster.body(), "insecure-skip-tls-verify"));
    }
    String token = o.token();
    String cert = null;
    String key = null;
    if (user != null) {
      if (token == null) {
        token = Json.str(user.body(), "token");
        String tokenFile = Json.str(user.body(), "tokenFile");
        if (token == null && tokenFile != null) {
          token = readFile(user.dir().resolve(tokenFile)).trim();
        }
      }
      cert = readData(user, "client-certificate-data", "client-certificate");
      key = readData(user, "client-key-data", "client-key");
    }
    String ns = o.namespace();
    if (ns == null || ns.isEmpty()) {
      ns = ctx == null ? null : Json.str(ctx.body(), "namespace");
    }
    if (ns == null || ns.isEmpty()) {
      ns = "default";
    }
    return new ClusterConfig(server, ca, insecure, token, cert, key, ns, kcOwned);
  }

  /** Returns inline base64 data, else the referenced file's text, else {@code null}. */
  private static String readData(Entry e, String dataKey, String fileKey) {
    String data = Json.str(e.body(), dataKey);
    if (data != null && !data.isEmpty()) {
      try {
        return new String(Base64.getMimeDecoder().decode(data), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException bad) {
        throw new CliException("error: illegal base64 data in " + dataKey);
      }
    }
    String file = Json.str(e.body(), fileKey);
    if (file != null && !file.isEmpty()) {
      return readFile(e.dir().resolve(file));
    }
    return null;
  }

  private static String readFile(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw CliException.error("open " + p + ": no such file or directory");
    }
  }
}
