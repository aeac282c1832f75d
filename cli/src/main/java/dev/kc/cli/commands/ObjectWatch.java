package dev.kc.cli.commands;

import dev.kc.cli.client.ApiException;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Watches one named object until a condition holds, the way kubectl's {@code UntilWithSync} does:
 * LIST by {@code metadata.name} (at {@code resourceVersion=0}), check, then WATCH from the list's
 * resourceVersion and check every event; a broken or ended stream is resumed until the deadline.
 */
final class ObjectWatch {

  /** Decides on each state of the object. */
  interface Condition {
    /**
     * @param obj the object, or {@code null} once it is gone (not found, or a DELETED event)
     * @return true when done
     */
    boolean check(Map<String, Object> obj);
  }

  private ObjectWatch() {}

  /**
   * Runs until {@code condition} is true or {@code timeout} passed.
   *
   * @param limit the list's {@code limit} parameter ({@code 0}: none)
   * @return true when the condition held, false on timeout
   * @throws ApiException for error answers
   */
  static boolean until(
      RestClient c,
      ResourceType t,
      String ns,
      String name,
      Duration timeout,
      int limit,
      Condition condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String byName = "metadata.name=" + name;
    Query q =
        new Query()
            .add("fieldSelector", byName)
            .add("limit", limit > 0 ? Integer.toString(limit) : null)
            .add("resourceVersion", "0");
    Object list = c.getJson(t.collectionPath(ns) + q.encode(), RestClient.JSON, "list");
    List<Object> items = Json.arr(list, "items");
    Map<String, Object> obj =
        items == null || items.isEmpty() ? null : Fetch.withTypeMeta(Json.obj(items.get(0)), t);
    if (condition.check(obj)) {
      return true;
    }
    // Like an informer, a watch that ends is resumed from the last resourceVersion seen, so
    // conditions are only evaluated again when the object changed.
    String[] rv = {Json.str(list, "metadata", "resourceVersion")};
    while (true) {
      long remainingMs = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (remainingMs <= 0) {
        return false;
      }
      Query w =
          new Query()
              .add("allowWatchBookmarks", "true")
              .add("fieldSelector", byName)
              .add("resourceVersion", rv[0])
              .add("timeoutSeconds", Long.toString(Math.max(1, Math.min(remainingMs / 1000, 300))))
              .add("watch", "true");
      if (watch(c, t, t.collectionPath(ns) + w.encode(), condition, rv)) {
        return true;
      }
    }
  }

  private static boolean watch(
      RestClient c, ResourceType t, String path, Condition condition, String[] rv) {
    try (RestClient.Stream s = c.stream("GET", path, RestClient.JSON)) {
      if (s.code() >= 400) {
        throw ApiException.fromResponse(s.code(), s.readAll(), null);
      }
      String line;
      while ((line = s.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Object ev = Json.parse(line);
        String type = Json.str(ev, "type");
        if ("ERROR".equals(type)) {
          // TODO: an expired resourceVersion (410) should relist; kc keeps watching.
          continue;
        }
        Map<String, Object> obj = Json.obj(ev, "object");
        String seen = Json.str(obj, "metadata", "resourceVersion");
        if (seen != null) {
          rv[0] = seen;
        }
        if ("BOOKMARK".equals(type)) {
          continue;
        }
        if (condition.check("DELETED".equals(type) ? null : Fetch.withTypeMeta(obj, t))) {
          return true;
        }
      }
    } catch (IOException e) {
      // The stream broke; the caller resumes from the last resourceVersion seen.
    }
    return false;
  }
}
