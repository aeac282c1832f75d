package dev.kc.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.OSInfo;

/**
 * Places SQLite's native library beside the database before the driver loads it.
 *
 * <p>By default the driver extracts its library into {@code java.io.tmpdir} under a new name on
 * every start. That fails with a misleading "no native library found" where the temporary directory
 * is mounted noexec, costs a few hundred milliseconds per start, and leaves a copy behind whenever
 * the process is killed. Extracting it once into the state directory avoids all three.
 */
final class SqliteNative {
  private static boolean prepared;

  private SqliteNative() {}

  /** Extracts the library into {@code stateDir/native} once and points the driver at it. */
  static synchronized void prepare(Path stateDir) {
    if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    prepared = true;
    String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
    String name = System.mapLibraryName("sqlitejdbc").replace(".jnilib", ".dylib");
    String resource = "/org/sqlite/native/" + folder + "/" + name;
    Path dir = stateDir.resolve("native").resolve(folder.replace('/', '-'));
    String fileName = "sqlite-" + driverVersion() + "-" + name;
    Path target = dir.resolve(fileName);
    try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
      if (in == null) {
        return; // Unknown platform: let the driver try its own ways.
      }
      if (!Files.exists(target)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "extract", ".tmp");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      System.setProperty("org.sqlite.lib.path", dir.toString());
      System.setProperty("org.sqlite.lib.name", fileName);
    } catch (IOException e) {
      // Fall back to the driver's extraction into a directory we know is ours.
      System.setProperty("org.sqlite.tmpdir", stateDir.toString());
    }
  }

  private static String driverVersion() {
    Package p = org.sqlite.JDBC.class.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
