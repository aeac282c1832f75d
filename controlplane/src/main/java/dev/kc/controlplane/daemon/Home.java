package dev.kc.controlplane.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The layout of {@code KC_HOME}: one daemon's database, credentials, kubeconfig, logs and lock.
 * Directories are created 0700 and files 0600, since they hold the cluster's credentials.
 */
public record Home(Path dir) {
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");

  /** {@code $KC_HOME}, or {@code ~/.kc}. */
  public static Home fromEnvironment() {
    String env = System.getenv("KC_HOME");
    if (env != null && !env.isBlank()) {
      return new Home(Path.of(env).toAbsolutePath());
    }
    return new Home(Path.of(System.getProperty("user.home"), ".kc"));
  }

  public Path database() {
    return dir.resolve("kc.db");
  }

  public Path kubeconfig() {
    return dir.resolve("kubeconfig");
  }

  public Path pki() {
    return dir.resolve("pki");
  }

  public Path logs() {
    return dir.resolve("logs");
  }

  public Path log() {
    return logs().resolve("kc-daemon.log");
  }

  public Path lock() {
    return dir.resolve("daemon.lock");
  }

  /** The Unix domain socket kc itself talks to (plain HTTP, token required, owner-only). */
  public Path socket() {
    return dir.resolve("kc.sock");
  }

  /** Written once the daemon answers; removed when it stops cleanly. */
  public Path info() {
    return dir.resolve("daemon.json");
  }

  /** Creates the directories with owner-only permissions. */
  public void create() throws IOException {
    for (Path p : new Path[] {dir, pki(), logs()}) {
      Files.createDirectories(p);
      restrict(p, DIR_MODE);
    }
  }

  /**
   * Restricts everything under KC_HOME to its owner: files 0600, directories 0700 (SQLite and the
   * JDK create their files with the process umask).
   */
  public void secure() throws IOException {
    try (var paths = Files.walk(dir, 4)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (Files.isSymbolicLink(p) || p.equals(socket())) {
          continue;
        }
        restrict(p, Files.isDirectory(p) ? DIR_MODE : FILE_MODE);
      }
    }
  }

  /** Writes a file atomically, readable by the owner only. */
  public static void writePrivate(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, content);
    restrict(tmp, FILE_MODE);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Restricts an existing file to its owner. */
  public static void restrictFile(Path file) throws IOException {
    restrict(file, FILE_MODE);
  }

  private static void restrict(Path p, Set<PosixFilePermission> mode) throws IOException {
    try {
      Files.setPosixFilePermissions(p, mode);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing more we can do.
    }
  }
}
