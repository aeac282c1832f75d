package dev.kc.cli.client;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The server's resource types, from aggregated discovery ({@code /api} and {@code /apis}), with a
 * small on-disk cache, and kubectl's rules for turning what a user typed into a type.
 *
 * <p>The cache is reused while younger than {@link #TTL} and younger than {@code notBefore} (e.g.
 * the daemon's start time). It is refreshed once per command when a typed name is not found, as
 * kubectl does. Order matters: types are kept in discovery order (core group first, preferred
 * versions first), and the first match wins.
 */
public final class Discovery {

  /** How long a cached discovery document is trusted. */
  public static final Duration TTL = Duration.ofMinutes(10);

  private final RestClient client;
  private final Path cacheFile;
  private final Instant notBefore;
  private List<ResourceType> types;
  private boolean fetchedNow;

  /**
   * Creates a discovery view; nothing is loaded until first use.
   *
   * @param client the REST client for the cluster
   * @param cacheFile where to cache, or {@code null} to never cache
   * @param notBefore a cache written before this instant is stale, or {@code null}
   */
  public Discovery(RestClient client, Path cacheFile, Instant notBefore) {
    this.client = client;
    this.cacheFile = cacheFile;
    this.notBefore = notBefore;
  }

  /** All resource types in discovery order. */
  public List<ResourceType> all() {
    if (types == null) {
      types = loadCache();
      if (types == null) {
        refresh();
      }
    }
    return types;
  }

  /**
   * Resolves one typed resource name (plural, singular, short name, kind, {@code resource.group} or
   * {@code resource.version.group}; case-insensitive).
   *
   * @throws CliException {@code the server doesn't have a resource type "x"} when unknown even
   *     after refreshing discovery
   */
  public ResourceType resolve(String typed) {
    ResourceType t = find(all(), typed);
    if (t == null && !fetchedNow) {
      refresh();
      t = find(types, typed);
    }
    if (t == null) {
      throw unknownType(typed);
    }
    return t;
  }

  /**
   * Resolves a comma-separated list of names, expanding categories such as {@code all}. Duplicates
   * are dropped; order follows the input (and discovery order inside a category).
   */
  public List<ResourceType> resolveList(String typedList) {
    Set<ResourceType> out = new LinkedHashSet<>();
    for (String typed : typedList.split(",")) {
      if (typed.isEmpty()) {
        continue;
      }
      List<ResourceType> matches = resolveOneOrCategory(typed);
      out.addAll(matches);
    }
    return new ArrayList<>(out);
  }

  private List<ResourceType> resolveOneOrCategory(String typed) {
    ResourceType t = find(all(), typed);
    List<ResourceType> category = t == null ? category(types, typed) : List.of();
    if (t == null && category.isEmpty() && !fetchedNow) {
      refresh();
      t = find(types, typed);
      category = t == null ? category(types, typed) : List.of();
    }
    if (t != null) {
      return List.of(t);
    }
    if (category.isEmpty()) {
      throw unknownType(typed);
    }
    return category;
  }

  /**
   * Finds the type for a manifest's apiVersion and kind.
   *
   * @return the type, or {@code null} when the server has no such kind in that version (after one
   *     refresh)
   */
  public ResourceType forKind(String apiVersion, String kind) {
    ResourceType t = findKind(all(), apiVersion, kind);
    if (t == null && !fetchedNow) {
      refresh();
      t = findKind(types, apiVersion, kind);
    }
    return t;
  }

  private static ResourceType findKind(List<ResourceType> list, String apiVersion, String kind) {
    for (ResourceType t : list) {
      if (t.kind().equals(kind) && t.apiVersion().equals(apiVersion)) {
        return t;
      }
    }
    return null;
  }

  private static CliException unknownType(String typed) {
    return CliException.error("the server doesn't have a resource type \"" + typed + "\"");
  }

  /** kubectl's matching order; see the class comment. */
  static ResourceType find(List<ResourceType> list, String typed) {
    String t = typed.toLowerCase(Locale.ROOT);
    int dots = t.length() - t.replace(".", "").length();
    if (dots >= 2) {
      String[] p = t.split("\\.", 3);
      for (ResourceType r : list) {
        if (r.group().equals(p[2]) && r.version().equals(p[1]) && namedBy(r, p[0], false)) {
          return r;
        }
      }
    }
    if (dots >= 1) {
      int dot = t.indexOf('.');
      String res = t.substring(0, dot);
      String group = t.substring(dot + 1);
      for (ResourceType r : list) {
        if (r.group().equals(group) && namedBy(r, res, true)) {
          return r;
        }
      }
      return null;
    }
    for (ResourceType r : list) {
      if (r.resource().equals(t)) {
        return r;
      }
    }
    for (ResourceType r : list) {
      if (r.shortNames().contains(t)) {
        return r;
      }
    }
    for (ResourceType r : list) {
      if (r.singular().equals(t) || r.kind().toLowerCase(Locale.ROOT).equals(t)) {
        return r;
      }
    }
    return null;
  }

  private static boolean namedBy(ResourceType r, String name, boolean allowShort) {
    return r.resource().equals(name)
        || r.singular().equals(name)
        || r.kind().toLowerCase(Locale.ROOT).equals(name)
        || (allowShort && r.shortNames().contains(name));
  }

  private static List<ResourceType> category(List<ResourceType> list, String typed) {
    if (typed.contains(".")) {
      return List.of();
    }
    String c = typed.toLowerCase(Locale.ROOT);
    Map<String, ResourceType> byGroupResource = new LinkedHashMap<>();
    for (ResourceType r : list) {
      if (r.categories().contains(c)) {
        byGroupResource.putIfAbsent(r.groupResource(), r);
      }
    }
    return new ArrayList<>(byGroupResource.values());
  }

  // ---- fetching ----

  /** Fetches discovery from the server and rewrites the cache. */
  public void refresh() {
    RestClient.Response api =
        client.send("GET", "/api?timeout=32s", RestClient.ACCEPT_DISCOVERY, null, null);
    RestClient.Response apis =
        client.send("GET", "/apis?timeout=32s", RestClient.ACCEPT_DISCOVERY, null, null);
    List<ResourceType> list = new ArrayList<>();
    if (isAggregated(api) && isAggregated(apis)) {
      parseAggregated(RestClient.checked(api, null), list);
      parseAggregated(RestClient.checked(apis, null), list);
    } else {
      legacy(api, apis, list);
    }
    types = list;
    fetchedNow = true;
    writeCache(list);
  }

  private static boolean isAggregated(RestClient.Response r) {
    String ct = r.header("content-type");
    return r.code() == 200
        && ct != null
        && ct.replace(" ", "").contains("as=APIGroupDiscoveryList");
  }

  private static void parseAggregated(Object doc, List<ResourceType> out) {
    List<Object> items = Json.arr(doc, "items");
    if (items == null) {
      return;
    }
    for (Object item : items) {
      String group = Json.str(item, "metadata", "name");
      List<Object> versions = Json.arr(item, "versions");
      if (versions == null) {
        continue;
      }
      for (Object v : versions) {
        String version = Json.str(v, "version");
        List<Object> resources = Json.arr(v, "resources");
        if (version == null || resources == null) {
          continue;
        }
        for (Object r : resources) {
          String kind = Json.str(r, "responseKind", "kind");
          String plural = Json.str(r, "resource");
          if (kind == null || plural == null) {
            continue;
          }
          out.add(
              new ResourceType(
                  group == null ? "" : group,
                  version,
                  plural,
                  orDefault(Json.str(r, "singularResource"), kind.toLowerCase(Locale.ROOT)),
                  kind,
                  "Namespaced".equals(Json.str(r, "scope")),
                  strings(Json.arr(r, "shortNames")),
                  strings(Json.arr(r, "categories")),
                  strings(Json.arr(r, "verbs"))));
        }
      }
    }
  }

  /** The pre-1.26 discovery: one request per group-version. */
  private void legacy(RestClient.Response api, RestClient.Response apis, List<ResourceType> out) {
    Object versions = RestClient.checked(api, null);
    List<Object> coreVersions = Json.arr(versions, "versions");
    if (coreVersions != null) {
      for (Object v : coreVersions) {
        parseResourceList("", String.valueOf(v), "/api/" + v, out);
      }
    }
    Object groups = RestClient.checked(apis, null);
    List<Object> groupList = Json.arr(groups, "groups");
    if (groupList == null) {
      return;
    }
    for (Object g : groupList) {
      String name = Json.str(g, "name");
      List<String> ordered = new ArrayList<>();
      String preferred = Json.str(g, "preferredVersion", "version");
      if (preferred != null) {
        ordered.add(preferred);
      }
      List<Object> vs = Json.arr(g, "versions");
      if (vs != null) {
        for (Object v : vs) {
          String ver = Json.str(v, "version");
          if (ver != null && !ordered.contains(ver)) {
            ordered.add(ver);
          }
        }
      }
      for (String ver : ordered) {
        parseResourceList(name, ver, "/apis/" + name + "/" + ver, out);
      }
    }
  }

  private void parseResourceList(
      String group, String version, String path, List<ResourceType> out) {
    Object doc = client.getJson(path, "application/json, */*", null);
    List<Object> resources = Json.arr(doc, "resources");
    if (resources == null) {
      return;
    }
    for (Object r : resources) {
      String name = Json.str(r, "name");
      String kind = Json.str(r, "kind");
      if (name == null || kind == null || name.contains("/")) {
        continue;
      }
      out.add(
          new ResourceType(
              group,
              version,
              name,
              orDefault(Json.str(r, "singularName"), kind.toLowerCase(Locale.ROOT)),
              kind,
              Boolean.TRUE.equals(Json.at(r, "namespaced")),
              strings(Json.arr(r, "shortNames")),
              strings(Json.arr(r, "categories")),
              strings(Json.arr(r, "verbs"))));
    }
  }

  private static String orDefault(String s, String def) {
    return s == null || s.isEmpty() ? def : s;
  }

  private static List<String> strings(List<Object> list) {
    if (list == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  // ---- cache ----

  private List<ResourceType> loadCache() {
    if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
      return null;
    }
    try {
      FileTime mtime = Files.getLastModifiedTime(cacheFile);
      Instant written = mtime.toInstant();
      if (written.isBefore(Instant.now().minus(TTL))
          || (notBefore != null && written.isBefore(notBefore))) {
        return null;
      }
      Object doc = Json.parse(Files.readString(cacheFile, StandardCharsets.UTF_8));
      List<Object> items = Json.arr(doc, "resources");
      if (items == null) {
        return null;
      }
      List<ResourceType> list = new ArrayList<>(items.size());
      for (Object o : items) {
        list.add(
            new ResourceType(
                Json.str(o, "group"),
                Json.str(o, "version"),
                Json.str(o, "resource"),
                Json.str(o, "singular"),
                Json.str(o, "kind"),
                Boolean.TRUE.equals(Json.at(o, "namespaced")),
                strings(Json.arr(o, "shortNames")),
                strings(Json.arr(o, "categories")),
                strings(Json.arr(o, "verbs"))));
      }
      return list;
    } catch (IOException | RuntimeException e) {
      // A damaged cache is simply refetched.
      return null;
    }
  }

  private void writeCache(List<ResourceType> list) {
    if (cacheFile == null) {
      return;
    }
    List<Object> items = new ArrayList<>();
    for (ResourceType t : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", t.group());
      m.put("version", t.version());
      m.put("resource", t.resource());
      m.put("singular", t.singular());
      m.put("kind", t.kind());
      m.put("namespaced", t.namespaced());
      m.put("shortNames", new ArrayList<Object>(t.shortNames()));
      m.put("categories", new ArrayList<Object>(t.categories()));
      m.put("verbs", new ArrayList<Object>(t.verbs()));
      items.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("resources", items);
    try {
      Files.createDirectories(
          cacheFile.getParent(),
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      Path tmp = Files.createTempFile(cacheFile.getParent(), "discovery", ".tmp");
      Files.writeString(tmp, Json.compact(doc), StandardCharsets.UTF_8);
      Files.move(
          tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Caching is an optimisation; a read-only home must not fail the command.
    }
  }
}
