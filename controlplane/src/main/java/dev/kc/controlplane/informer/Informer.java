package dev.kc.controlplane.informer;

import dev.kc.controlplane.clock.Activity;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import dev.kc.store.ListResult;
import dev.kc.store.StoreException;
import dev.kc.store.Watch;
import dev.kc.store.WatchEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A shared, indexed cache of one resource, fed by one watch on the store, with event handlers.
 *
 * <p>Cached objects are shared between all readers and must never be modified: copy first. The
 * handlers of one informer run on its own thread, in revision order; they should only enqueue keys.
 * Handler work counts as {@link Activity}, so a virtual clock waits for it.
 */
public final class Informer {
  private static final Logger log = LoggerFactory.getLogger(Informer.class);

  /** Reacts to changes of cached objects. Default methods do nothing. */
  public interface Handler {
    default void onAdd(ObjectNode obj) {}

    default void onUpdate(ObjectNode old, ObjectNode obj) {}

    default void onDelete(ObjectNode obj) {}
  }

  private final ObjectService objects;
  private final ResourceType type;
  private final Activity activity;
  private final Map<String, ObjectNode> cache = new ConcurrentHashMap<>();
  private final Map<String, Function<ObjectNode, List<String>>> indexers = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> indexes = new ConcurrentHashMap<>();
  private final List<Handler> handlers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final Object lock = new Object();
  private volatile Watch watch;
  private volatile boolean stopped;
  private Thread thread;

  public Informer(ObjectService objects, ResourceType type, Activity activity) {
    this.objects = objects;
    this.type = type;
    this.activity = activity;
  }

  public ResourceType type() {
    return type;
  }

  /** Adds an index; must be called before {@link #start}. */
  public void addIndex(String name, Function<ObjectNode, List<String>> indexer) {
    indexers.put(name, indexer);
    indexes.put(name, new ConcurrentHashMap<>());
  }

  /** Adds a handler; must be called before {@link #start}. */
  public void addHandler(Handler h) {
    handlers.add(h);
  }

  /** Lists, fills the cache (telling handlers of each object), then follows changes. */
  public void start() {
    resync();
  }

  private void resync() {
    ListResult lr = objects.list(type, null, Selectors.NONE);
    List<ObjectNode> added = new ArrayList<>();
    synchronized (lock) {
      Set<String> seen = new HashSet<>();
      for (Entry e : lr.entries()) {
        ObjectNode obj = e.decoded(Json::decode);
        String key = keyOf(obj);
        seen.add(key);
        ObjectNode old = cache.put(key, obj);
        reindex(key, old, obj);
        if (old == null) {
          added.add(obj);
        }
      }
      for (String key : new ArrayList<>(cache.keySet())) {
        if (!seen.contains(key)) {
          ObjectNode old = cache.remove(key);
          reindex(key, old, null);
          dispatch(h -> h.onDelete(old));
        }
      }
    }
    for (ObjectNode obj : added) {
      dispatch(h -> h.onAdd(obj));
    }
    Watch w = objects.watch(type, null, lr.revision(), Selectors.NONE);
    watch = w;
    // Raise activity on the store's writer thread, before the write's caller sees its result, so
    // that nothing can observe a settled system between a commit and its delivery here.
    w.onAvailable(
        () -> {
          if (draining.compareAndSet(false, true)) {
            activity.enter();
            schedule();
          }
        });
  }

  private void schedule() {
    synchronized (this) {
      notifyAll();
    }
  }

  /** Starts the informer's thread. */
  public void run() {
    thread =
        new Thread(
            () -> {
              while (!stopped) {
                synchronized (this) {
                  while (!draining.get() && !stopped) {
                    try {
                      wait(1000);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }
                if (draining.get()) {
                  drain();
                }
              }
            },
            "informer-" + type.plural());
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Handles queued events until none is left. The caller holds one unit of activity, taken when the
   * draining flag was raised; it is released here once the queue is empty.
   */
  private void drain() {
    try {
      while (true) {
        Watch w = watch;
        WatchEvent e = w.poll();
        if (e != null) {
          handle(e);
          continue;
        }
        if (w.isFinished() && !stopped) {
          StoreException f = w.failure();
          log.warn(
              "informer for {} lost its watch ({}); relisting",
              type.plural(),
              f == null ? "closed" : f.getMessage());
          w.close();
          resync();
          continue;
        }
        draining.set(false);
        // An event that arrived just before the flag dropped raised no new activity: keep ours
        // and go on, unless its notification already took the flag (and its own activity).
        if (w.hasEvents() && draining.compareAndSet(false, true)) {
          continue;
        }
        break;
      }
    } catch (RuntimeException ex) {
      log.error("informer for {} failed", type.plural(), ex);
      draining.set(false);
    } finally {
      activity.exit();
    }
  }

  private void handle(WatchEvent e) {
    if (e == null) {
      return;
    }
    ObjectNode obj = e.entry().decoded(Json::decode);
    String key = keyOf(obj);
    switch (e.type()) {
      case ADDED, MODIFIED -> {
        ObjectNode old;
        synchronized (lock) {
          old = cache.put(key, obj);
          reindex(key, old, obj);
        }
        if (old == null) {
          dispatch(h -> h.onAdd(obj));
        } else {
          dispatch(h -> h.onUpdate(old, obj));
        }
      }
      case DELETED -> {
        ObjectNode old;
        synchronized (lock) {
          old = cache.remove(key);
          reindex(key, old, null);
        }
        ObjectNode last = old != null ? old : obj;
        dispatch(h -> h.onDelete(last));
      }
    }
  }

  private void dispatch(java.util.function.Consumer<Handler> call) {
    for (Handler h : handlers) {
      try {
        call.accept(h);
      } catch (RuntimeException ex) {
        log.error("handler of {} failed", type.plural(), ex);
      }
    }
  }

  private void reindex(String key, ObjectNode old, ObjectNode obj) {
    for (Map.Entry<String, Function<ObjectNode, List<String>>> ix : indexers.entrySet()) {
      Map<String, Set<String>> index = indexes.get(ix.getKey());
      if (old != null) {
        for (String v : ix.getValue().apply(old)) {
          Set<String> keys = index.get(v);
          if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
              index.remove(v);
            }
          }
        }
      }
      if (obj != null) {
        for (String v : ix.getValue().apply(obj)) {
          index.computeIfAbsent(v, k -> ConcurrentHashMap.newKeySet()).add(key);
        }
      }
    }
  }

  /** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
  public static String keyOf(ObjectNode obj) {
    String ns = Json.at(obj, "metadata", "namespace").asString("");
    String name = Json.at(obj, "metadata", "name").asString("");
    return ns.isEmpty() ? name : ns + "/" + name;
  }

  /** The cached object, or {@code null}. Read-only. */
  public ObjectNode get(String key) {
    return cache.get(key);
  }

  public ObjectNode get(String namespace, String name) {
    return cache.get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
  }

  /** Every cached object. Read-only. */
  public Collection<ObjectNode> list() {
    return List.copyOf(cache.values());
  }

  /** The cached objects in one namespace. Read-only. */
  public List<ObjectNode> list(String namespace) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode o : cache.values()) {
      if (Json.at(o, "metadata", "namespace").asString("").equals(namespace)) {
        out.add(o);
      }
    }
    return out;
  }

  /** The cached objects whose index {@code name} has {@code value}. Read-only. */
  public List<ObjectNode> byIndex(String name, String value) {
    Set<String> keys = indexes.get(name).get(value);
    if (keys == null) {
      return List.of();
    }
    List<ObjectNode> out = new ArrayList<>(keys.size());
    for (String k : keys) {
      ObjectNode o = cache.get(k);
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  public void stop() {
    stopped = true;
    Watch w = watch;
    if (w != null) {
      w.close();
    }
    synchronized (this) {
      notifyAll();
    }
  }
}
