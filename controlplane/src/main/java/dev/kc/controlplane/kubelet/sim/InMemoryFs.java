package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.FsException.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's file system, kept in memory: directories and regular files (bytes), plus {@code
 * /dev/null}. There are no symlinks, permissions, owners or timestamps.
 *
 * <p>Paths are absolute and normalized lexically ({@code /a/./b/../c} is {@code /a/c}); a relative
 * path is taken from {@code /}. Resolving relative paths against a working directory is the shell's
 * job ({@link #resolve(String, String)}).
 *
 * <p>Mounts: a subtree can be backed by a {@link Volume}, optionally a sub-directory of it ({@code
 * subPath}), read-write or read-only. Two file systems that mount the same volume see the same
 * files. Mount points cannot be removed or renamed ({@code EBUSY}), and a rename across volumes
 * fails with {@code EXDEV} so that {@code mv} copies instead, as on Linux.
 *
 * <p>Thread-safe. Every operation is atomic with respect to the volume it touches; operations that
 * touch two volumes (copies done by the shell) are not atomic as a whole.
 *
 * <p>Failures throw {@link FsException} with a POSIX-like {@link Errno} and the normalized path.
 */
public final class InMemoryFs {
  /** The directories a fresh container file system has, like a minimal Linux image. */
  public static final List<String> STANDARD_DIRECTORIES =
      List.of(
          "/bin",
          "/dev",
          "/etc",
          "/home",
          "/root",
          "/run",
          "/tmp",
          "/usr/bin",
          "/usr/local/bin",
          "/var/log",
          "/var/run",
          "/var/tmp");

  private final Volume rootVolume;
  private volatile Map<String, Mount> mounts = Map.of();

  private record Mount(Volume volume, List<String> subPath, boolean readOnly) {}

  /** Where a path lands: a volume, the components inside it and the mount's read-only flag. */
  private record Location(
      Volume volume, List<String> parts, boolean readOnly, boolean mountPoint) {}

  /** Creates a container file system with {@link #STANDARD_DIRECTORIES} and {@code /dev/null}. */
  public InMemoryFs() {
    this(new Volume());
    for (String dir : STANDARD_DIRECTORIES) {
      mkdirs(dir);
    }
    rootVolume.addDevice(List.of("dev", "null"), "/dev/null");
  }

  private InMemoryFs(Volume root) {
    this.rootVolume = root;
  }

  /**
   * Views {@code volume} as a whole file system with nothing pre-created, e.g. to fill a ConfigMap
   * volume before mounting it, or to inspect a volume in a test. Changes through the view are
   * changes to the volume.
   */
  public static InMemoryFs of(Volume volume) {
    return new InMemoryFs(volume);
  }

  /**
   * Normalizes {@code path} lexically: collapses {@code //}, {@code .} and {@code ..} ({@code ..}
   * at the root stays at the root) and drops a trailing slash. A relative path is taken from {@code
   * /}.
   *
   * @throws FsException {@code ENOENT} for the empty path, as open(2) does
   */
  public static String normalize(String path) {
    return join(split(path));
  }

  /** Resolves {@code path} against the working directory {@code cwd}, then normalizes it. */
  public static String resolve(String cwd, String path) {
    return normalize(path.startsWith("/") ? path : cwd + "/" + path);
  }

  /**
   * Mounts the whole of {@code volume} at {@code path}; see {@link #mount(String, Volume, String,
   * boolean)}.
   */
  public void mount(String path, Volume volume, boolean readOnly) {
    mount(path, volume, "", readOnly);
  }

  /**
   * Mounts the sub-directory {@code subPath} of {@code volume} at {@code path}, replacing any mount
   * already there. The mount point directory is created in this file system if missing, and so is
   * {@code subPath} in the volume, as the kubelet does for {@code volumeMounts}.
   *
   * @param subPath a relative path inside the volume; empty for the whole volume
   * @param readOnly whether writes through this mount fail with {@code EROFS}
   * @throws FsException {@code EBUSY} for {@code /}; {@code ENOTDIR} or {@code EEXIST} if a file is
   *     in the way
   */
  public synchronized void mount(String path, Volume volume, String subPath, boolean readOnly) {
    List<String> parts = split(path);
    if (parts.isEmpty()) {
      throw new FsException(Errno.EBUSY, "/");
    }
    Location loc = locate(parts);
    if (loc.volume.kind(loc.parts) != Volume.Kind.DIRECTORY) {
      loc.volume.mkdirs(loc.parts, join(parts));
    }
    List<String> sub = subPath.isEmpty() ? List.of() : split(subPath);
    volume.mkdirs(sub, subPath);
    Map<String, Mount> next = new TreeMap<>(mounts);
    next.put(join(parts), new Mount(volume, sub, readOnly));
    mounts = Collections.unmodifiableMap(next);
  }

  /**
   * Removes the mount at {@code path}; the files underneath (in the volume) are kept.
   *
   * @return whether something was mounted there
   */
  public synchronized boolean unmount(String path) {
    String key = normalize(path);
    if (!mounts.containsKey(key)) {
      return false;
    }
    Map<String, Mount> next = new TreeMap<>(mounts);
    next.remove(key);
    mounts = Collections.unmodifiableMap(next);
    return true;
  }

  /** Whether writes to {@code path} would fail with {@code EROFS}. */
  public boolean isReadOnly(String path) {
    return locate(split(path)).readOnly;
  }

  /** Whether {@code path} is a directory, a regular file or a device. Never throws. */
  public boolean exists(String path) {
    return kind(path) != null;
  }

  /** Whether {@code path} is a directory. Never throws. */
  public boolean isDirectory(String path) {
    return kind(path) == Volume.Kind.DIRECTORY;
  }

  /** Whether {@code path} is a regular file. Never throws. */
  public boolean isFile(String path) {
    return kind(path) == Volume.Kind.FILE;
  }

  /** Whether {@code path} is a device such as {@code /dev/null}. Never throws. */
  public boolean isDevice(String path) {
    return kind(path) == Volume.Kind.DEVICE;
  }

  private Volume.Kind kind(String path) {
    if (path.isEmpty()) {
      return null;
    }
    Location loc = locate(split(path));
    return loc.volume.kind(loc.parts);
  }

  /**
   * The size in bytes of the regular file at {@code path}; 0 for directories and devices.
   *
   * @throws FsException {@code ENOENT} if it does not exist
   */
  public long size(String path) {
    Location loc = locate(split(path));
    return loc.volume.size(loc.parts, normalize(path));
  }

  /**
   * The content of the regular file at {@code path} (a copy); empty for {@code /dev/null}.
   *
   * @throws FsException {@code ENOENT}, {@code ENOTDIR}, or {@code EISDIR} for a directory
   */
  public byte[] read(String path) {
    Location loc = locate(split(path));
    return loc.volume.readFile(loc.parts, normalize(path));
  }

  /** {@link #read(String)} decoded as UTF-8. */
  public String readString(String path) {
    return new String(read(path), StandardCharsets.UTF_8);
  }

  /**
   * Creates or truncates the regular file at {@code path} and writes {@code data}. The parent
   * directory must exist. Writing to a device discards the data.
   *
   * @throws FsException {@code ENOENT} if the parent is missing, {@code EISDIR}, {@code EROFS}
   */
  public void write(String path, byte[] data) {
    Location loc = writable(path);
    loc.volume.writeFile(loc.parts, data.clone(), false, normalize(path));
  }

  /** {@link #write(String, byte[])} with {@code text} encoded as UTF-8. */
  public void writeString(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Appends {@code data} to the regular file at {@code path}, creating it if missing.
   *
   * @throws FsException as {@link #write(String, byte[])}
   */
  public void append(String path, byte[] data) {
    Location loc = writable(path);
    loc.volume.writeFile(loc.parts, data.clone(), true, normalize(path));
  }

  /**
   * Writes {@code data} to {@code path}, creating missing parent directories first: the way for the
   * kubelet to pre-populate image content, {@code /etc/hosts} or {@code /etc/hostname}.
   *
   * @throws FsException {@code EROFS} inside a read-only mount; {@code ENOTDIR} if a file is in the
   *     way
   */
  public void put(String path, byte[] data) {
    List<String> parts = split(path);
    if (parts.size() > 1) {
      mkdirs(join(parts.subList(0, parts.size() - 1)));
    }
    write(path, data);
  }

  /** {@link #put(String, byte[])} with {@code text} encoded as UTF-8. */
  public void putString(String path, String text) {
    put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Creates an empty regular file at {@code path} if nothing exists there; otherwise does nothing
   * (there are no timestamps to update).
   *
   * @throws FsException {@code ENOENT} if the parent is missing; {@code EROFS} in a read-only
   *     mount, even if the file exists (updating its times would fail)
   */
  public void touch(String path) {
    Location loc = writable(path);
    loc.volume.touch(loc.parts, normalize(path));
  }

  /**
   * Creates the directory {@code path}; its parent must exist.
   *
   * @throws FsException {@code EEXIST} if anything exists there, {@code ENOENT}, {@code EROFS}
   */
  public void mkdir(String path) {
    if (exists(path)) {
      throw new FsException(Errno.EEXIST, normalize(path));
    }
    Location loc = writable(path);
    loc.volume.mkdir(loc.parts, normalize(path));
  }

  /**
   * Creates {@code path} and any missing parents, like {@code mkdir -p}; idempotent. Existing
   * directories inside read-only mounts are fine; creating one there is not.
   *
   * @throws FsException {@code EEXIST} if {@code path} is a file, {@code ENOTDIR} if a parent is,
   *     {@code EROFS}
   */
  public void mkdirs(String path) {
    List<String> parts = split(path);
    for (int i = 1; i <= parts.size(); i++) {
      String prefix = join(parts.subList(0, i));
      Volume.Kind k = kind(prefix);
      if (k == Volume.Kind.DIRECTORY) {
        continue;
      }
      if (k != null) {
        throw new FsException(i == parts.size() ? Errno.EEXIST : Errno.ENOTDIR, normalize(path));
      }
      try {
        mkdir(prefix);
      } catch (FsException e) {
        // Another container may have created it since we looked; that is fine.
        if (e.errno() != Errno.EEXIST || !isDirectory(prefix)) {
          throw e;
        }
      }
    }
  }

  /**
   * The names in directory {@code path}, sorted; mount points appear as directories.
   *
   * @throws FsException {@code ENOENT}, {@code ENOTDIR}
   */
  public List<String> list(String path) {
    Location loc = locate(split(path));
    return loc.volume.list(loc.parts, normalize(path));
  }

  /**
   * Removes the regular file, device or empty directory at {@code path}.
   *
   * @throws FsException {@code ENOENT}, {@code ENOTEMPTY}, {@code EBUSY} for {@code /} and mount
   *     points, {@code EROFS}
   */
  public void delete(String path) {
    Location loc = locate(split(path));
    if (loc.mountPoint) {
      throw new FsException(Errno.EBUSY, normalize(path));
    }
    loc = writable(path);
    loc.volume.delete(loc.parts, normalize(path));
  }

  /**
   * Removes {@code path} and everything below it, like {@code rm -r}, crossing into mounted volumes
   * (whose content is removed but whose mount points stay). Stops at the first failure.
   *
   * @throws FsException as {@link #delete(String)}
   */
  public void deleteRecursively(String path) {
    if (isDirectory(path)) {
      for (String name : list(path)) {
        deleteRecursively(normalize(path) + "/" + name);
      }
    }
    delete(path);
  }

  /**
   * Renames {@code from} to {@code to} with rename(2) rules: an existing file at {@code to} is
   * replaced, an existing empty directory is replaced by a directory.
   *
   * @throws FsException {@code EXDEV} across volumes, {@code EBUSY} for mount points, {@code
   *     EISDIR}, {@code ENOTDIR}, {@code ENOTEMPTY}, {@code EINVAL} (into itself), {@code ENOENT},
   *     {@code EROFS}
   */
  public void rename(String from, String to) {
    Location src = locate(split(from));
    Location dst = locate(split(to));
    if (src.mountPoint || dst.mountPoint) {
      throw new FsException(Errno.EBUSY, normalize(src.mountPoint ? from : to));
    }
    src = writable(from);
    dst = writable(to);
    if (src.volume != dst.volume) {
      if (!exists(from)) {
        throw new FsException(Errno.ENOENT, normalize(from));
      }
      throw new FsException(Errno.EXDEV, normalize(to));
    }
    src.volume.rename(src.parts, dst.parts, normalize(from), normalize(to));
  }

  private Location writable(String path) {
    Location loc = locate(split(path));
    if (loc.readOnly) {
      throw new FsException(Errno.EROFS, normalize(path));
    }
    return loc;
  }

  private Location locate(List<String> parts) {
    Map<String, Mount> table = mounts;
    if (!table.isEmpty()) {
      for (int i = parts.size(); i >= 1; i--) {
        Mount m = table.get(join(parts.subList(0, i)));
        if (m != null) {
          List<String> inner = new ArrayList<>(m.subPath);
          inner.addAll(parts.subList(i, parts.size()));
          return new Location(m.volume, inner, m.readOnly, i == parts.size());
        }
      }
    }
    return new Location(rootVolume, parts, false, false);
  }

  private static List<String> split(String path) {
    if (path.isEmpty()) {
      throw new FsException(Errno.ENOENT, "");
    }
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
      } else {
        parts.add(p);
      }
    }
    return parts;
  }

  private static String join(List<String> parts) {
    return "/" + String.join("/", parts);
  }
}
