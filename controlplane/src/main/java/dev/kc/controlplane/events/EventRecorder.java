package dev.kc.controlplane.events;

import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records core/v1 Events about objects, as components do in Kubernetes. Repeats of the same event
 * (same object, type, reason, message and source) update one Event's {@code count} and {@code
 * lastTimestamp} instead of creating another.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final ObjectService objects;
  private final ResourceType events;
  private long lastStamp;

  /** Recent events by their de-duplication key; bounded so a long run does not grow it. */
  private final Map<String, String> names =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > 4096;
            }
          });

  public EventRecorder(ObjectService objects) {
    this.objects = objects;
    this.events = objects.registry().byResource("", "v1", "events").orElseThrow();
  }

  /**
   * Records an event about {@code involved}.
   *
   * @param type {@code Normal} or {@code Warning}
   * @param component the reporting component ({@code deployment-controller}, {@code kubelet})
   * @param host the node, for kubelet events; may be null
   * @param fieldPath the part of the object ({@code spec.containers{app}}); may be null
   */
  public void record(
      ObjectNode involved,
      String type,
      String reason,
      String message,
      String component,
      String host,
      String fieldPath) {
    ObjectNode meta = Json.metadata(involved);
    String namespace = Json.text(meta, "namespace");
    if (namespace.isEmpty()) {
      namespace = "default";
    }
    String uid = Json.text(meta, "uid");
    String dedup =
        String.join(
            "\u0000",
            uid,
            type,
            reason,
            message,
            component,
            host == null ? "" : host,
            fieldPath == null ? "" : fieldPath);
    Instant now = objects.clock().now();
    String existing = names.get(dedup);
    if (existing != null && bump(namespace, existing, now)) {
      return;
    }
    ObjectNode ev = Json.object();
    ev.put("apiVersion", "v1");
    ev.put("kind", "Event");
    String name = Json.text(meta, "name") + "." + Long.toHexString(nextStamp(now));
    ObjectNode em = ev.putObject("metadata");
    em.put("name", name);
    em.put("namespace", namespace);
    ObjectNode ref = ev.putObject("involvedObject");
    ref.put("kind", Json.text(involved, "kind"));
    ref.put("namespace", Json.text(meta, "namespace"));
    ref.put("name", Json.text(meta, "name"));
    ref.put("uid", uid);
    ref.put("apiVersion", Json.text(involved, "apiVersion"));
    ref.put("resourceVersion", Json.text(meta, "resourceVersion"));
    if (fieldPath != null) {
      ref.put("fieldPath", fieldPath);
    }
    ev.put("reason", reason);
    ev.put("message", message);
    ObjectNode source = ev.putObject("source");
    source.put("component", component);
    if (host != null) {
      source.put("host", host);
    }
    ev.put("firstTimestamp", Json.timestamp(now));
    ev.put("lastTimestamp", Json.timestamp(now));
    ev.put("count", 1);
    ev.put("type", type);
    ev.putNull("eventTime");
    ev.put("reportingComponent", component);
    ev.put("reportingInstance", host == null ? "" : host);
    try {
      objects.create(events, "v1", namespace, ev, WriteOptions.internal(component));
      names.put(dedup, name);
    } catch (ApiException e) {
      // Events are best effort: a missing namespace (being deleted) must not fail the caller.
      log.debug(
          "cannot record event {} for {}: {}", reason, Json.text(meta, "name"), e.getMessage());
    }
  }

  /**
   * Kubernetes names events after the object and the time in nanoseconds; a strictly increasing
   * stamp keeps names unique and in recording order when events share a (virtual) instant.
   */
  private synchronized long nextStamp(Instant now) {
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    lastStamp = Math.max(lastStamp + 1, nanos);
    return lastStamp;
  }

  private boolean bump(String namespace, String name, Instant now) {
    try {
      objects.update(
          events,
          namespace,
          name,
          null,
          ev -> {
            ev.put("count", ev.path("count").asInt(1) + 1);
            ev.put("lastTimestamp", Json.timestamp(now));
            return ev;
          },
          "event-recorder");
      return true;
    } catch (ApiException e) {
      return false;
    }
  }
}
