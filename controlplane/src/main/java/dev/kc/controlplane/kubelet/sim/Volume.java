package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.FsException.Errno;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tree of directories and regular files that can be mounted into one or more {@link InMemoryFs}
 * instances: two containers of a pod that mount the same {@code emptyDir} share one {@code Volume}
 * and see each other's writes at once. A container's own root file system is a {@code Volume} too.
 *
 * <p>Thread-safe: every operation locks the volume, so containers driven by different threads can
 * use it concurrently. Operations never hold two volumes' locks at once.
 *
 * <p>To use the file API on a volume directly (e.g. to fill a ConfigMap volume before mounting it),
 * wrap it with {@link InMemoryFs#of(Volume)}.
 */
public final class Volume {
  private static final byte[] MAGIC = {'K', 'C', 'V', 'O', 'L', 1};
  private static final byte DIR = 'd';
  private static final byte FILE = 'f';

  /** What a path names inside a volume. */
  enum Kind {
    DIRECTORY,
    FILE,
    DEVICE
  }

  private final Dir root = new Dir();

  /** Creates an empty volume: a root directory and nothing else. */
  public Volume() {}

  /**
   * Encodes the directories and files of this volume (devices such as {@code /dev/null} are left
   * out) in a simple length-prefixed binary format: the magic bytes {@code KCVOL\1}, the entry
   * count, then per entry in path order a type byte ({@code d} or {@code f}), the slash-separated
   * relative path (modified UTF-8) and, for files, the length and the bytes.
   *
   * @return a self-contained snapshot; later changes to the volume do not affect it
   */
  public synchronized byte[] serialize() {
    TreeMap<String, Node> entries = new TreeMap<>();
    collect(root, "", entries);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buf)) {
      out.write(MAGIC);
      out.writeInt(entries.size());
      for (Map.Entry<String, Node> e : entries.entrySet()) {
        writeEntry(out, e.getKey(), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to serialize volume", e);
    }
    return buf.toByteArray();
  }

  /**
   * Decodes bytes written by {@link #serialize()} into a new volume.
   *
   * @throws IllegalArgumentException if {@code data} is not a serialized volume
   */
  public static Volume deserialize(byte[] data) {
    Volume v = new Volume();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("not a serialized volume: bad magic");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        v.readEntry(in);
      }
    } catch (EOFException e) {
      throw new IllegalArgumentException("not a serialized volume: truncated", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialized volume", e);
    }
    return v;
  }

  /** A deep copy of this volume; later changes to either are not seen by the other. */
  public Volume copy() {
    return deserialize(serialize());
  }

  private static void collect(Dir dir, String prefix, Map<String, Node> out) {
    for (Map.Entry<String, Node> e : dir.children.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
      if (e.getValue() instanceof Dir d) {
        out.put(path, d);
        collect(d, path, out);
      } else if (e.getValue() instanceof File) {
        out.put(path, e.getValue());
      }
    }
  }

  private static void writeEntry(DataOutputStream out, String path, Node node) throws IOException {
    if (node instanceof File f) {
      out.writeByte(FILE);
      out.writeUTF(path);
      out.writeInt(f.length);
      out.write(f.data, 0, f.length);
    } else {
      out.writeByte(DIR);
      out.writeUTF(path);
    }
  }

  private void readEntry(DataInputStream in) throws IOException {
    byte type = in.readByte();
    String path = in.readUTF();
    List<String> parts = List.of(path.split("/"));
    if (path.isEmpty() || parts.contains("") || parts.contains(".") || parts.contains("..")) {
      throw new IllegalArgumentException("not a serialized volume: bad path " + path);
    }
    if (type == DIR) {
      mkdirs(parts, path);
    } else if (type == FILE) {
      int length = in.readInt();
      if (length < 0) {
        throw new IllegalArgumentException("not a serialized volume: bad length for " + path);
      }
      byte[] content = in.readNBytes(length);
      if (content.length != length) {
        throw new EOFException();
      }
      mkdirs(parts.subList(0, parts.size() - 1), path);
      writeFile(parts, content, false, path);
    } else {
      throw new IllegalArgumentException("not a serialized volume: bad entry type " + type);
    }
  }

  // The operations below take a path already split into components relative to this volume's
  // root and the caller's display path for error messages. InMemoryFs does the resolving.

  synchronized Kind kind(List<String> parts) {
    Node n = find(parts);
    if (n == null) {
      return null;
    }
    return n instanceof Dir ? Kind.DIRECTORY : n instanceof File ? Kind.FILE : Kind.DEVICE;
  }

  synchronized long size(List<String> parts, String display) {
    Node n = lookup(parts, display);
    return n instanceof File f ? f.length : 0;
  }

  synchronized byte[] readFile(List<String> parts, String display) {
    Node n = lookup(parts, display);
    if (n instanceof Dir) {
      throw new FsException(Errno.EISDIR, display);
    }
    return n instanceof File f ? Arrays.copyOf(f.data, f.length) : new byte[0];
  }

  synchronized void writeFile(List<String> parts, byte[] data, boolean append, String display) {
    if (parts.isEmpty()) {
      throw new FsException(Errno.EISDIR, display);
    }
    Dir parent = parentDir(parts, display);
    String name = parts.get(parts.size() - 1);
    Node n = parent.children.get(name);
    if (n instanceof Dir) {
      throw new FsException(Errno.EISDIR, display);
    }
    if (n instanceof Device) {
      return;
    }
    File f = (File) n;
    if (f == null) {
      f = new File();
      parent.children.put(name, f);
    }
    if (!append) {
      f.length = 0;
    }
    f.append(data);
  }

  synchronized void touch(List<String> parts, String display) {
    if (parts.isEmpty()) {
      return;
    }
    Dir parent = parentDir(parts, display);
    parent.children.putIfAbsent(parts.get(parts.size() - 1), new File());
  }

  synchronized void addDevice(List<String> parts, String display) {
    parentDir(parts, display).children.put(parts.get(parts.size() - 1), new Device());
  }

  synchronized void mkdir(List<String> parts, String display) {
    if (parts.isEmpty()) {
      throw new FsException(Errno.EEXIST, display);
    }
    Dir parent = parentDir(parts, display);
    String name = parts.get(parts.size() - 1);
    if (parent.children.containsKey(name)) {
      throw new FsException(Errno.EEXIST, display);
    }
    parent.children.put(name, new Dir());
  }

  /** Creates missing directories along {@code parts}; a file in the way fails. */
  synchronized void mkdirs(List<String> parts, String display) {
    Dir dir = root;
    for (int i = 0; i < parts.size(); i++) {
      Node n = dir.children.get(parts.get(i));
      if (n == null) {
        n = new Dir();
        dir.children.put(parts.get(i), n);
      }
      if (!(n instanceof Dir d)) {
        throw new FsException(i == parts.size() - 1 ? Errno.EEXIST : Errno.ENOTDIR, display);
      }
      dir = d;
    }
  }

  synchronized List<String> list(List<String> parts, String display) {
    Node n = lookup(parts, display);
    if (!(n instanceof Dir d)) {
      throw new FsException(Errno.ENOTDIR, display);
    }
    return new ArrayList<>(d.children.keySet());
  }

  /** Removes a file or an empty directory. */
  synchronized void delete(List<String> parts, String display) {
    if (parts.isEmpty()) {
      throw new FsException(Errno.EBUSY, display);
    }
    Dir parent = parentDir(parts, display);
    String name = parts.get(parts.size() - 1);
    Node n = parent.children.get(name);
    if (n == null) {
      throw new FsException(Errno.ENOENT, display);
    }
    if (n instanceof Dir d && !d.children.isEmpty()) {
      throw new FsException(Errno.ENOTEMPTY, display);
    }
    parent.children.remove(name);
  }

  /** Moves a node within this volume with rename(2) rules. */
  synchronized void rename(
      List<String> from, List<String> to, String fromDisplay, String toDisplay) {
    if (from.isEmpty() || to.isEmpty()) {
      throw new FsException(Errno.EBUSY, from.isEmpty() ? fromDisplay : toDisplay);
    }
    Node src = lookup(from, fromDisplay);
    if (to.size() > from.size() && to.subList(0, from.size()).equals(from)) {
      throw new FsException(Errno.EINVAL, toDisplay);
    }
    Dir toParent = parentDir(to, toDisplay);
    String toName = to.get(to.size() - 1);
    Node dst = toParent.children.get(toName);
    if (dst == src) {
      return;
    }
    if (dst instanceof Dir d) {
      if (!(src instanceof Dir)) {
        throw new FsException(Errno.EISDIR, toDisplay);
      }
      if (!d.children.isEmpty()) {
        throw new FsException(Errno.ENOTEMPTY, toDisplay);
      }
    } else if (dst != null && src instanceof Dir) {
      throw new FsException(Errno.ENOTDIR, toDisplay);
    }
    parentDir(from, fromDisplay).children.remove(from.get(from.size() - 1));
    toParent.children.put(toName, src);
  }

  private Node find(List<String> parts) {
    Node n = root;
    for (String p : parts) {
      if (!(n instanceof Dir d)) {
        return null;
      }
      n = d.children.get(p);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  private Node lookup(List<String> parts, String display) {
    Node n = root;
    for (String p : parts) {
      if (!(n instanceof Dir d)) {
        throw new FsException(Errno.ENOTDIR, display);
      }
      n = d.children.get(p);
      if (n == null) {
        throw new FsException(Errno.ENOENT, display);
      }
    }
    return n;
  }

  private Dir parentDir(List<String> parts, String display) {
    Node n = lookup(parts.subList(0, parts.size() - 1), display);
    if (!(n instanceof Dir d)) {
      throw new FsException(Errno.ENOTDIR, display);
    }
    return d;
  }

  private abstract static class Node {}

  private static final class Dir extends Node {
    final TreeMap<String, Node> children = new TreeMap<>();
  }

  /** A regular file; the content grows in place so that appending logs is amortized O(1). */
  private static final class File extends Node {
    byte[] data = new byte[0];
    int length;

    void append(byte[] more) {
      if (length + more.length > data.length) {
        data = Arrays.copyOf(data, Math.max(length + more.length, data.length * 2));
      }
      System.arraycopy(more, 0, data, length, more.length);
      length += more.length;
    }
  }

  /** A character device that discards writes and reads as empty, i.e. {@code /dev/null}. */
  private static final class Device extends Node {}
}
