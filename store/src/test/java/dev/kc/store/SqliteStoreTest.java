package dev.kc.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
  @TempDir Path dir;
  private SqliteStore store;

  @BeforeEach
  void open() {
    store = SqliteStore.open(dir.resolve("kc.db"), SqliteStore.Options.defaults());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static Key pod(String name) {
    return new Key("pods", "default", name);
  }

  private static Encoder value(String s) {
    return Encoder.of(s.getBytes(UTF_8));
  }

  private static String text(Entry e) {
    return new String(e.value(), UTF_8);
  }

  @Test
  void everyWriteTakesTheNextRevision() {
    Entry a = store.create(pod("a"), value("1"));
    Entry b = store.create(pod("b"), value("2"));
    Entry a2 = store.update(pod("a"), a.revision(), value("3"));
    Entry gone = store.delete(pod("b"), 0, null);

    assertEquals(1, a.revision());
    assertEquals(2, b.revision());
    assertEquals(3, a2.revision());
    assertEquals(4, gone.revision());
    assertEquals(4, store.currentRevision());
  }

  @Test
  void encoderSeesTheRevisionOfItsWrite() {
    Entry e = store.create(pod("a"), rev -> ("rv=" + rev).getBytes(UTF_8));
    assertEquals("rv=1", text(e));
    assertEquals("rv=1", text(store.get(pod("a")).orElseThrow()));
  }

  @Test
  void createOfAnExistingKeyFailsAndChangesNothing() {
    store.create(pod("a"), value("1"));
    assertThrows(AlreadyExistsException.class, () -> store.create(pod("a"), value("2")));
    assertEquals("1", text(store.get(pod("a")).orElseThrow()));
    assertEquals(1, store.currentRevision());
  }

  @Test
  void updateWithAStaleRevisionConflicts() {
    Entry a = store.create(pod("a"), value("1"));
    store.update(pod("a"), a.revision(), value("2"));
    ConflictException e =
        assertThrows(
            ConflictException.class, () -> store.update(pod("a"), a.revision(), value("3")));
    assertEquals(2, e.actual());
    assertEquals("2", text(store.get(pod("a")).orElseThrow()));
  }

  @Test
  void updateAndDeleteOfAMissingKeyAreNotFound() {
    assertThrows(NotFoundException.class, () -> store.update(pod("x"), 0, value("1")));
    assertThrows(NotFoundException.class, () -> store.delete(pod("x"), 0, null));
  }

  @Test
  void listReturnsOneNamespaceOrAllInKeyOrder() {
    store.create(new Key("pods", "b", "z"), value("1"));
    store.create(new Key("pods", "a", "y"), value("2"));
    store.create(new Key("pods", "a", "x"), value("3"));
    store.create(new Key("services", "a", "x"), value("4"));

    ListResult inA = store.list("pods", "a", null);
    ListResult all = store.list("pods", null, null);

    assertEquals(List.of("x", "y"), inA.entries().stream().map(e -> e.key().name()).toList());
    assertEquals(
        List.of("a/x", "a/y", "b/z"),
        all.entries().stream().map(e -> e.key().namespace() + "/" + e.key().name()).toList());
    assertEquals(4, all.revision());
  }

  @Test
  void listAppliesTheFilter() {
    store.create(pod("a"), value("keep"));
    store.create(pod("b"), value("drop"));
    ListResult r = store.list("pods", "default", e -> text(e).equals("keep"));
    assertEquals(1, r.entries().size());
  }

  @Test
  void watchDeliversLiveChangesInOrder() throws Exception {
    try (Watch w = store.watch("pods", null, store.currentRevision(), null)) {
      store.create(pod("a"), value("1"));
      Entry a = store.get(pod("a")).orElseThrow();
      store.update(pod("a"), a.revision(), value("2"));
      store.delete(pod("a"), 0, rev -> ("gone@" + rev).getBytes(UTF_8));

      WatchEvent e1 = w.take(5, TimeUnit.SECONDS);
      WatchEvent e2 = w.take(5, TimeUnit.SECONDS);
      WatchEvent e3 = w.take(5, TimeUnit.SECONDS);
      assertEquals(WatchEvent.Type.ADDED, e1.type());
      assertEquals(WatchEvent.Type.MODIFIED, e2.type());
      assertEquals("1", text(e2.previous()));
      assertEquals(WatchEvent.Type.DELETED, e3.type());
      assertEquals("gone@3", text(e3.entry()));
      assertEquals(3, e3.revision());
    }
  }

  @Test
  void watchResumesFromARevisionInThePast() throws Exception {
    store.create(pod("a"), value("1"));
    long after = store.currentRevision();
    store.create(pod("b"), value("2"));
    store.create(new Key("services", "default", "s"), value("3"));
    store.create(pod("c"), value("4"));

    try (Watch w = store.watch("pods", "default", after, null)) {
      store.create(pod("d"), value("5"));
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        names.add(w.take(5, TimeUnit.SECONDS).entry().key().name());
      }
      assertEquals(List.of("b", "c", "d"), names);
      assertNull(w.poll());
    }
  }

  @Test
  void watchFromBeforeTheRetainedHistoryIsExpired() {
    store.close();
    store = SqliteStore.open(dir.resolve("small.db"), new SqliteStore.Options(10, 1000, 100, 16));
    Entry first = store.create(pod("a"), value("0"));
    long rv = first.revision();
    for (int i = 1; i <= 40; i++) {
      rv = store.update(pod("a"), rv, value(Integer.toString(i))).revision();
    }
    store.compactNow();

    assertTrue(store.compactedRevision() >= 30, "compacted to " + store.compactedRevision());
    ExpiredException e =
        assertThrows(ExpiredException.class, () -> store.watch("pods", null, 1, null));
    assertEquals(1, e.requested());
    assertNotNull(store.watch("pods", null, store.currentRevision() - 5, null));
  }

  @Test
  void compactionKeepsEveryLiveObjectAndBoundsTheLog() throws Exception {
    store.close();
    store = SqliteStore.open(dir.resolve("churn.db"), new SqliteStore.Options(50, 100, 100, 64));
    long[] rv = new long[20];
    for (int i = 0; i < 20; i++) {
      rv[i] = store.create(pod("p" + i), value("0")).revision();
    }
    for (int round = 1; round <= 100; round++) {
      for (int i = 0; i < 20; i++) {
        rv[i] = store.update(pod("p" + i), rv[i], value(Integer.toString(round))).revision();
      }
    }
    while (store.compactNow() > 0) {
      // Each call removes one bounded batch.
    }

    assertTrue(store.logRows() <= 20 + 50 + 1, "log rows: " + store.logRows());
    store.close();
    store = SqliteStore.open(dir.resolve("churn.db"), SqliteStore.Options.defaults());
    assertEquals(20, store.list("pods", null, null).entries().size());
    assertEquals("100", text(store.get(pod("p7")).orElseThrow()));
  }

  @Test
  void selectorWatchSeesObjectsEnterAndLeave() throws Exception {
    try (Watch w = store.watch("pods", null, 0, e -> text(e).startsWith("web"))) {
      Entry a = store.create(pod("a"), value("db"));
      a = store.update(pod("a"), a.revision(), value("web-1"));
      a = store.update(pod("a"), a.revision(), value("web-2"));
      store.update(pod("a"), a.revision(), value("db"));

      assertEquals(WatchEvent.Type.ADDED, w.take(5, TimeUnit.SECONDS).type());
      assertEquals(WatchEvent.Type.MODIFIED, w.take(5, TimeUnit.SECONDS).type());
      WatchEvent left = w.take(5, TimeUnit.SECONDS);
      assertEquals(WatchEvent.Type.DELETED, left.type());
      assertNull(w.poll());
    }
  }

  @Test
  void aWatcherThatFallsTooFarBehindIsCutOffWithoutStallingWrites() throws Exception {
    store.close();
    store = SqliteStore.open(dir.resolve("slow.db"), new SqliteStore.Options(1000, 1000, 5, 16));
    Watch slow = store.watch("pods", null, 0, null);
    for (int i = 0; i < 20; i++) {
      store.create(pod("p" + i), value("x"));
    }
    assertEquals(20, store.list("pods", null, null).entries().size());
    assertNull(slow.take(1, TimeUnit.SECONDS));
    assertTrue(slow.isFinished());
    assertNotNull(slow.failure());
  }

  @Test
  void stateSurvivesReopening() {
    store.create(pod("a"), value("hello"));
    store.create(pod("b"), value("bye"));
    store.delete(pod("b"), 0, null);
    store.close();

    store = SqliteStore.open(dir.resolve("kc.db"), SqliteStore.Options.defaults());
    assertArrayEquals("hello".getBytes(UTF_8), store.get(pod("a")).orElseThrow().value());
    assertTrue(store.get(pod("b")).isEmpty());
    assertEquals(3, store.currentRevision());
    assertEquals(4, store.create(pod("c"), value("c")).revision());
  }
}
