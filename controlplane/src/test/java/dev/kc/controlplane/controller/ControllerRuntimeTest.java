package dev.kc.controlplane.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.admission.Admission;
import dev.kc.controlplane.clock.VirtualClock;
import dev.kc.controlplane.informer.Informer;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.WriteOptions;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The virtual clock, work queues and informers together: advancing the clock returns only once
 * every consequence of the due timers has been handled.
 */
class ControllerRuntimeTest {
  @TempDir Path dir;
  SqliteStore store;
  VirtualClock clock;
  ObjectService objects;
  ResourceType configMaps;

  @BeforeEach
  void setUp() {
    store = SqliteStore.open(dir.resolve("kc.db"), SqliteStore.Options.defaults());
    clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"), null);
    objects = new ObjectService(store, Registry.builtin(), new Admission(), clock);
    configMaps = objects.registry().byResource("", "v1", "configmaps").orElseThrow();
    ObjectNode ns = Json.object();
    ns.put("apiVersion", "v1");
    ns.put("kind", "Namespace");
    ns.putObject("metadata").put("name", "default");
    objects.create(
        objects.registry().byResource("", "v1", "namespaces").orElseThrow(),
        "v1",
        "",
        ns,
        WriteOptions.internal("test"));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private ObjectNode configMap(String name) {
    ObjectNode cm = Json.object();
    cm.put("apiVersion", "v1");
    cm.put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", name);
    return cm;
  }

  /** Copies every "src-*" ConfigMap to "copy-*" ten seconds (of clock time) after seeing it. */
  final class Copier extends Controller {
    final List<String> synced = Collections.synchronizedList(new ArrayList<>());

    Copier() {
      super("copier", 2, ControllerRuntimeTest.this.clock);
    }

    @Override
    protected void sync(String key) {
      synced.add(key);
      String name = key.substring(key.indexOf('/') + 1);
      objects.create(
          configMaps,
          "v1",
          "default",
          configMap("copy-" + name.substring(4)),
          WriteOptions.internal("copier"));
    }
  }

  @Test
  void advanceRunsDueTimersAndWaitsForTheirConsequences() throws Exception {
    Copier copier = new Copier();
    Informer informer = new Informer(objects, configMaps, clock.activity());
    informer.addHandler(
        new Informer.Handler() {
          @Override
          public void onAdd(ObjectNode obj) {
            String name = Json.at(obj, "metadata", "name").asString();
            if (name.startsWith("src-")) {
              copier.queue.addAfter(Informer.keyOf(obj), Duration.ofSeconds(10));
            }
          }
        });
    informer.start();
    informer.run();
    copier.start();

    for (int i = 0; i < 20; i++) {
      objects.create(
          configMaps, "v1", "default", configMap("src-" + i), WriteOptions.internal("t"));
    }
    clock.advance(Duration.ofSeconds(9));
    assertEquals(0, copier.synced.size(), "nothing is due before ten seconds");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(20, copier.synced.size());
    assertEquals(
        40,
        objects
            .list(configMaps, "default", dev.kc.controlplane.objects.Selectors.NONE)
            .entries()
            .size());
    assertTrue(informer.get("default", "copy-19") != null, "the informer saw the copies");
    assertEquals(Instant.parse("2026-01-01T00:00:10Z"), clock.now());

    copier.close();
    informer.stop();
  }

  @Test
  void failingSyncsAreRetriedWithBackOffOnTheClock() throws Exception {
    List<Instant> attempts = Collections.synchronizedList(new ArrayList<>());
    Controller flaky =
        new Controller("flaky", 1, clock) {
          @Override
          protected void sync(String key) {
            attempts.add(clock.now());
            if (attempts.size() < 4) {
              throw new IllegalStateException("not yet");
            }
          }
        };
    flaky.start();
    flaky.enqueue("k");
    clock.settle();
    assertEquals(1, attempts.size());
    clock.advance(Duration.ofSeconds(1));
    // 5 ms, 10 ms, 20 ms back-off: all within the second.
    assertEquals(4, attempts.size());
    flaky.close();
  }
}
