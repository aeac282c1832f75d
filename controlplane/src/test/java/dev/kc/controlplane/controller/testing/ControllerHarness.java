package dev.kc.controlplane.controller.testing;

import dev.kc.controlplane.admission.Admission;
import dev.kc.controlplane.clock.VirtualClock;
import dev.kc.controlplane.controller.Controller;
import dev.kc.controlplane.events.EventRecorder;
import dev.kc.controlplane.informer.Informers;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import dev.kc.store.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A control plane without HTTP for controller tests: a real SQLite store in a temporary directory,
 * the object service, shared informers and an event recorder, all on a virtual clock starting at
 * {@link #START}. Controllers are constructed by the test against {@link #informers} and started
 * with {@link #start}; every write helper returns once the system has settled.
 */
public final class ControllerHarness implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  public final SqliteStore store;
  public final VirtualClock clock;
  public final ObjectService objects;
  public final Informers informers;
  public final EventRecorder events;
  private final List<Controller> controllers = new ArrayList<>();

  private ControllerHarness(Path dir) {
    store = SqliteStore.open(dir.resolve("kc.db"), SqliteStore.Options.defaults());
    clock = new VirtualClock(START, null);
    objects =
        new ObjectService(
            store, dev.kc.controlplane.registry.Registry.builtin(), new Admission(), clock);
    informers = new Informers(objects, clock.activity());
    events = new EventRecorder(objects);
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ns.putObject("metadata").put("name", "default");
    objects.create(type("v1", "Namespace"), "v1", "", ns, WriteOptions.internal("test"));
  }

  /** A fresh control plane storing into {@code dir}. */
  public static ControllerHarness open(Path dir) {
    return new ControllerHarness(dir);
  }

  /** Starts the informers, then the controllers, and waits until everything has settled. */
  public void start(Controller... cs) {
    informers.start();
    for (Controller c : cs) {
      c.start();
      controllers.add(c);
    }
    settle();
  }

  public ResourceType type(String apiVersion, String kind) {
    return objects.registry().byKind(apiVersion, kind).orElseThrow();
  }

  private ResourceType typeOf(ObjectNode obj) {
    return type(Json.text(obj, "apiVersion"), Json.text(obj, "kind"));
  }

  /** Creates {@code obj} (apiVersion, kind and namespace taken from it) and settles. */
  public ObjectNode create(ObjectNode obj) {
    ResourceType t = typeOf(obj);
    String ns = Json.at(obj, "metadata", "namespace").asString("");
    ObjectNode created =
        objects.create(t, t.storageVersion(), ns, obj, WriteOptions.internal("test")).object();
    settle();
    return created;
  }

  /** The stored object, or {@code null}. */
  public ObjectNode get(String apiVersion, String kind, String ns, String name) {
    try {
      ResourceType t = type(apiVersion, kind);
      return objects.get(t, t.storageVersion(), ns, name);
    } catch (ApiException e) {
      if (e.code() == 404) {
        return null;
      }
      throw e;
    }
  }

  public ObjectNode pod(String name) {
    return get("v1", "Pod", "default", name);
  }

  /** Every stored object of a kind in a namespace, by name. */
  public List<ObjectNode> list(String apiVersion, String kind, String ns) {
    ResourceType t = type(apiVersion, kind);
    List<ObjectNode> out = new ArrayList<>();
    for (Entry e : objects.list(t, ns, Selectors.NONE).entries()) {
      out.add(objects.toVersion(t, t.storageVersion(), Json.decode(e.value())));
    }
    out.sort(Comparator.comparing(o -> Json.at(o, "metadata", "name").asString("")));
    return out;
  }

  public List<ObjectNode> pods() {
    return list("v1", "Pod", "default");
  }

  /** Updates the object (or its status when {@code subresource} is "status") and settles. */
  public ObjectNode update(
      String apiVersion,
      String kind,
      String ns,
      String name,
      String subresource,
      UnaryOperator<ObjectNode> mutation) {
    ObjectNode out =
        objects.update(type(apiVersion, kind), ns, name, subresource, mutation, "test");
    settle();
    return out;
  }

  public void delete(String apiVersion, String kind, String ns, String name, DeleteOptions opts) {
    ResourceType t = type(apiVersion, kind);
    objects.delete(t, t.storageVersion(), ns, name, opts);
    settle();
  }

  /**
   * Plays the kubelet for a pod: phase Running and, when {@code ready}, conditions Ready and
   * ContainersReady True since now.
   */
  public void markRunning(String name, boolean ready) {
    String now = Json.timestamp(clock.now());
    update(
        "v1",
        "Pod",
        "default",
        name,
        "status",
        p -> {
          ObjectNode status = Json.with(p, "status");
          status.put("phase", "Running");
          ArrayNode conds = status.putArray("conditions");
          for (String type : List.of("Ready", "ContainersReady")) {
            ObjectNode c = conds.addObject();
            c.put("type", type);
            c.put("status", ready ? "True" : "False");
            c.put("lastTransitionTime", now);
          }
          return p;
        });
  }

  /** Events about {@code involvedName} with {@code reason}, oldest first. */
  public List<ObjectNode> events(String involvedName, String reason) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode e : list("v1", "Event", "default")) {
      if (Json.at(e, "involvedObject", "name").asString("").equals(involvedName)
          && Json.text(e, "reason").equals(reason)) {
        out.add(e);
      }
    }
    out.sort(Comparator.comparing(e -> Json.text(e, "firstTimestamp")));
    return out;
  }

  /** Messages of every event with {@code reason} about objects whose name starts as given. */
  public List<String> eventMessages(String namePrefix, String reason) {
    List<String> out = new ArrayList<>();
    for (ObjectNode e : list("v1", "Event", "default")) {
      if (Json.at(e, "involvedObject", "name").asString("").startsWith(namePrefix)
          && Json.text(e, "reason").equals(reason)) {
        for (int i = 0; i < e.path("count").asInt(1); i++) {
          out.add(Json.text(e, "message"));
        }
      }
    }
    return out;
  }

  /** The condition of {@code type} in an object's status, or a missing node. */
  public static JsonNode condition(ObjectNode obj, String type) {
    for (JsonNode c : Json.at(obj, "status", "conditions")) {
      if (c.path("type").asString("").equals(type)) {
        return c;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  /** Waits for all outstanding work, running timers due at the current instant. */
  public void settle() {
    try {
      clock.settle();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Moves the virtual clock forward and settles. */
  public void advance(Duration d) {
    try {
      clock.advance(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (Controller c : controllers) {
      c.close();
    }
    informers.stop();
    store.close();
  }

  /** Binds a pod to a node as the scheduler does (spec.nodeName cannot be updated). */
  public void bind(String namespace, String name, String node) {
    ObjectNode pod = get("v1", "Pod", namespace, name);
    objects.bind(
        objects.registry().byResource("", "v1", "pods").orElseThrow(),
        namespace,
        name,
        dev.kc.controlplane.objects.Json.at(pod, "metadata", "uid").asString(),
        node,
        "test");
  }
}
