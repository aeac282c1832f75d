package dev.kc.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write survives {@code kill -9}: a child process writes and prints each key once
 * the store has acknowledged it; we kill it mid-stream and look for every printed key.
 */
class DurabilityTest {
  @TempDir Path dir;

  /** The child: writes objects as fast as it can and acknowledges each one on stdout. */
  public static void main(String[] args) {
    SqliteStore store = SqliteStore.open(Path.of(args[0]), SqliteStore.Options.defaults());
    for (int i = 0; ; i++) {
      Key key = new Key("configmaps", "default", "cm-" + i);
      store.create(key, Encoder.of(("value-" + i).getBytes(UTF_8)));
      System.out.println(key.name());
      System.out.flush();
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    Path db = dir.resolve("kill.db");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityTest.class.getName(),
                db.toString())
            .redirectErrorStream(false)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        acknowledged.add(line);
        if (acknowledged.size() == 2000) {
          child.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close.
          break;
        }
      }
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));

    try (SqliteStore store = SqliteStore.open(db, SqliteStore.Options.defaults())) {
      for (String name : acknowledged) {
        assertTrue(
            store.get(new Key("configmaps", "default", name)).isPresent(), name + " was lost");
      }
      assertTrue(store.list("configmaps", null, null).entries().size() >= acknowledged.size());
      assertEquals(store.currentRevision(), store.list("configmaps", null, null).entries().size());
    }
  }
}
