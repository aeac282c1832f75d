package dev.kc.controlplane.informer;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.clock.Activity;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One shared {@link Informer} per resource, so that all controllers read the same caches. Every
 * informer gets the standard indexes: {@link #BY_NAMESPACE}, {@link #BY_OWNER} (controller owner
 * uid) and, for pods, {@link #BY_NODE}.
 *
 * <p>Usage: controllers ask for informers and add handlers and indexes while being constructed,
 * then {@link #start()} lists everything and starts following changes.
 */
public final class Informers {
  public static final String BY_NAMESPACE = "namespace";
  public static final String BY_OWNER = "owner";
  public static final String BY_NODE = "node";

  private final ObjectService objects;
  private final Activity activity;
  private final Map<String, Informer> informers = new LinkedHashMap<>();
  private boolean started;

  public Informers(ObjectService objects, Activity activity) {
    this.objects = objects;
    this.activity = activity;
  }

  public ObjectService objects() {
    return objects;
  }

  /** The informer of the type of {@code kind} in {@code apiVersion}. */
  public synchronized Informer forKind(String apiVersion, String kind) {
    ResourceType type =
        objects
            .registry()
            .byKind(apiVersion, kind)
            .orElseThrow(
                () -> new IllegalArgumentException("not served: " + apiVersion + " " + kind));
    return informers.computeIfAbsent(type.storageResource(), r -> create(type));
  }

  private Informer create(ResourceType type) {
    if (started) {
      throw new IllegalStateException("informers are already started");
    }
    Informer i = new Informer(objects, type, activity);
    i.addIndex(BY_NAMESPACE, o -> List.of(Json.at(o, "metadata", "namespace").asString("")));
    i.addIndex(BY_OWNER, Informers::controllerUid);
    if (type.kind().equals("Pod")) {
      i.addIndex(BY_NODE, o -> List.of(Json.at(o, "spec", "nodeName").asString("")));
    }
    return i;
  }

  /** Starts every informer created so far: fills caches, then follows changes. */
  public synchronized void start() {
    started = true;
    for (Informer i : informers.values()) {
      i.start();
    }
    for (Informer i : informers.values()) {
      i.run();
    }
  }

  public synchronized void stop() {
    for (Informer i : informers.values()) {
      i.stop();
    }
  }

  /** The uid of an object's controlling owner, as a one-element list (empty when none). */
  public static List<String> controllerUid(ObjectNode obj) {
    for (JsonNode ref : Json.at(obj, "metadata", "ownerReferences")) {
      if (ref.path("controller").asBoolean(false)) {
        return List.of(ref.path("uid").asString(""));
      }
    }
    return List.of();
  }

  /** Cached objects in {@code namespace} whose labels match {@code selector}. Read-only. */
  public static List<ObjectNode> select(
      Informer informer, String namespace, LabelSelector selector) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : informer.byIndex(BY_NAMESPACE, namespace)) {
      if (selector.matches(LabelSelector.labelsOf(o))) {
        out.add(o);
      }
    }
    return out;
  }
}
