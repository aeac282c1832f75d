package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.objects.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Images: those loaded by the user ({@code kc image load}, present on every node at once and kept
 * in {@code KC_HOME/images.json}), the public catalog (pullable), and what each node has pulled.
 */
public final class ImageStore {
  /**
   * A loaded image.
   *
   * @param name canonical reference ({@code app:1.0.0})
   * @param ports ports the image serves on
   * @param loadedAt when it was loaded
   */
  public record Loaded(String name, List<Integer> ports, Instant loadedAt) {}

  private final Path file;
  private final Map<String, Loaded> loaded = new TreeMap<>();
  private final Map<String, Set<String>> pulledByNode = new ConcurrentHashMap<>();
  private final Set<String> unpullable = ConcurrentHashMap.newKeySet();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param file where loaded images persist, or null to keep them in memory
   */
  public ImageStore(Path file) {
    this.file = file;
    read();
  }

  /** Called (with no lock held) whenever images are loaded or removed. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Loads images onto every node. */
  public void load(List<String> names, List<Integer> ports, Instant now) {
    synchronized (this) {
      for (String n : names) {
        ImageRef ref = ImageRef.parse(n);
        if (ref == null) {
          throw new IllegalArgumentException("invalid image reference \"" + n + "\"");
        }
        loaded.put(ref.canonical(), new Loaded(ref.canonical(), List.copyOf(ports), now));
      }
      write();
    }
    listeners.forEach(Runnable::run);
  }

  /**
   * Removes loaded images.
   *
   * @return the names that were not loaded
   */
  public List<String> remove(List<String> names) {
    List<String> missing = new ArrayList<>();
    synchronized (this) {
      for (String n : names) {
        ImageRef ref = ImageRef.parse(n);
        if (ref == null || loaded.remove(ref.canonical()) == null) {
          missing.add(n);
          continue;
        }
        for (Set<String> pulled : pulledByNode.values()) {
          pulled.remove(ref.canonical());
        }
      }
      write();
    }
    listeners.forEach(Runnable::run);
    return missing;
  }

  public synchronized List<Loaded> list() {
    return List.copyOf(loaded.values());
  }

  public synchronized Loaded loaded(ImageRef ref) {
    return loaded.get(ref.canonical());
  }

  /** Whether {@code node} has the image without pulling. */
  public boolean isPresent(String node, ImageRef ref) {
    if (loaded(ref) != null) {
      return true;
    }
    Set<String> pulled = pulledByNode.get(node);
    return pulled != null && pulled.contains(ref.canonical());
  }

  /** Whether a pull of the image can succeed: loaded, or in the catalog, and not broken. */
  public boolean isPullable(ImageRef ref) {
    if (unpullable.contains(ref.canonical())) {
      return false;
    }
    return loaded(ref) != null || ImageCatalog.lookup(ref, List.of()) != null;
  }

  public void pulled(String node, ImageRef ref) {
    pulledByNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(ref.canonical());
  }

  /** Fault injection: makes pulls of an image fail (or succeed again). */
  public void setUnpullable(String image, boolean broken) {
    ImageRef ref = ImageRef.parse(image);
    if (ref == null) {
      throw new IllegalArgumentException("invalid image reference \"" + image + "\"");
    }
    if (broken) {
      unpullable.add(ref.canonical());
      for (Set<String> pulled : pulledByNode.values()) {
        pulled.remove(ref.canonical());
      }
    } else {
      unpullable.remove(ref.canonical());
    }
  }

  public void forgetNode(String node) {
    pulledByNode.remove(node);
  }

  private void read() {
    if (file == null || !Files.exists(file)) {
      return;
    }
    try {
      JsonNode doc = Json.MAPPER.readTree(Files.readAllBytes(file));
      for (JsonNode i : doc.path("images")) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : i.path("ports")) {
          ports.add(p.asInt());
        }
        Instant at = Json.parseTime(i.get("loadedAt"));
        String name = i.path("name").asString("");
        loaded.put(name, new Loaded(name, ports, at == null ? Instant.EPOCH : at));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write() {
    if (file == null) {
      return;
    }
    ObjectNode doc = Json.object();
    ArrayNode images = doc.putArray("images");
    for (Loaded l : loaded.values()) {
      ObjectNode i = images.addObject();
      i.put("name", l.name());
      ArrayNode ports = i.putArray("ports");
      l.ports().forEach(ports::add);
      i.put("loadedAt", Json.timestamp(l.loadedAt()));
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, doc.toPrettyString() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
