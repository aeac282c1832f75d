package dev.kc.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Store} on one SQLite file.
 *
 * <p>Layout: a change log ({@code log}, one row per revision, holding the value written) and a
 * current-state index ({@code objects}, one row per live key pointing at its latest log row).
 * Compaction deletes log rows older than the retained window unless they are some key's latest.
 *
 * <p>One writer thread owns the write connection. It takes queued writes in batches, checks their
 * preconditions against the in-memory current state, writes them in one {@code BEGIN IMMEDIATE}
 * transaction, and after the commit publishes them to the in-memory state and to watchers, in
 * revision order. Reads of current state never touch SQLite; only watches that resume from the past
 * read the log.
 */
public final class SqliteStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);

  private static final String SELECT_CURRENT =
      "SELECT o.resource, o.namespace, o.name, l.rv, l.value"
          + " FROM objects o JOIN log l ON l.rv = o.rv";
  private static final String SELECT_MAX_REVISION = "SELECT COALESCE(MAX(rv), 0) FROM log";
  private static final String SELECT_META = "SELECT value FROM meta WHERE key = ?";
  private static final String UPSERT_META =
      "INSERT INTO meta(key, value) VALUES(?, ?)"
          + " ON CONFLICT(key) DO UPDATE SET value = excluded.value";
  private static final String INSERT_LOG =
      "INSERT INTO log(rv, resource, namespace, name, type, prev_rv, value)"
          + " VALUES(?, ?, ?, ?, ?, ?, ?)";
  private static final String UPSERT_OBJECT =
      "INSERT INTO objects(resource, namespace, name, rv) VALUES(?, ?, ?, ?)"
          + " ON CONFLICT(resource, namespace, name) DO UPDATE SET rv = excluded.rv";
  private static final String DELETE_OBJECT =
      "DELETE FROM objects WHERE resource = ? AND namespace = ? AND name = ?";
  private static final String SELECT_HISTORY =
      "SELECT rv, namespace, name, type, prev_rv, value FROM log"
          + " WHERE rv > ? AND rv <= ? AND resource = ? ORDER BY rv";
  private static final String SELECT_VALUE_AT = "SELECT value FROM log WHERE rv = ?";
  private static final String DELETE_COMPACTED =
      "DELETE FROM log WHERE rv IN (SELECT rv FROM log WHERE rv <= ?"
          + " AND rv NOT IN (SELECT rv FROM objects) ORDER BY rv LIMIT ?)";

  private static final String[] SCHEMA = {
    "CREATE TABLE IF NOT EXISTS log("
        + "rv INTEGER PRIMARY KEY, resource TEXT NOT NULL, namespace TEXT NOT NULL,"
        + " name TEXT NOT NULL, type INTEGER NOT NULL, prev_rv INTEGER NOT NULL, value BLOB)",
    "CREATE TABLE IF NOT EXISTS objects("
        + "resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,"
        + " rv INTEGER NOT NULL, PRIMARY KEY(resource, namespace, name)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS objects_rv ON objects(rv)",
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
  };

  /**
   * Tuning.
   *
   * @param retainedRevisions how many recent revisions of history watches may resume from
   * @param compactionBatch how many log rows one compaction transaction deletes at most
   * @param watchCapacity how many undelivered events a watcher may have before it is cut off
   * @param maxBatch how many queued writes one transaction takes at most
   */
  public record Options(
      int retainedRevisions, int compactionBatch, int watchCapacity, int maxBatch) {
    public static Options defaults() {
      return new Options(1000, 1000, 20_000, 256);
    }
  }

  private final Path file;
  private final Options options;
  private final Connection writer;
  private final Connection reader;
  private final ConcurrentSkipListMap<Key, Entry> current = new ConcurrentSkipListMap<>();
  private final ReentrantReadWriteLock publishLock = new ReentrantReadWriteLock();
  private final Map<String, List<Watch>> watchers = new ConcurrentHashMap<>();
  private final BlockingQueue<Op> queue = new LinkedBlockingQueue<>();
  private final Thread writerThread;
  private volatile long revision;
  private volatile long compacted;
  private volatile boolean closed;
  private long lastCompactionCheck;

  private SqliteStore(Path file, Options options) throws SQLException {
    this.file = file;
    this.options = options;
    this.writer = connect(file, false);
    this.reader = connect(file, true);
    load();
    this.writerThread = new Thread(this::runWriter, "store-writer");
    writerThread.setDaemon(true);
    writerThread.start();
  }

  /**
   * Opens (creating if needed) the store in {@code file}.
   *
   * @throws StoreException if the file cannot be opened as a kc store
   */
  public static SqliteStore open(Path file, Options options) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      SqliteNative.prepare(file.toAbsolutePath().getParent());
      return new SqliteStore(file, options);
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new StoreException("cannot create directory for " + file + ": " + e, e);
    }
  }

  public Path file() {
    return file;
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      if (!readOnly) {
        // auto_vacuum only takes effect on a new file, before the first table exists.
        s.execute("PRAGMA auto_vacuum = INCREMENTAL");
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA journal_size_limit = 16777216");
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
      }
      // NORMAL in WAL mode: a commit survives a crash of the process (not of the machine).
      s.execute("PRAGMA synchronous = NORMAL");
      if (readOnly) {
        s.execute("PRAGMA query_only = 1");
      }
    }
    return c;
  }

  private void load() throws SQLException {
    try (Statement s = writer.createStatement()) {
      try (ResultSet rs = s.executeQuery(SELECT_CURRENT)) {
        while (rs.next()) {
          Key key = new Key(rs.getString(1), rs.getString(2), rs.getString(3));
          current.put(key, new Entry(key, rs.getLong(4), rs.getBytes(5)));
        }
      }
      try (ResultSet rs = s.executeQuery(SELECT_MAX_REVISION)) {
        revision = rs.next() ? rs.getLong(1) : 0;
      }
    }
    compacted = readMeta("compacted");
    lastCompactionCheck = revision;
    log.info("opened {}: {} objects at revision {}", file, current.size(), revision);
  }

  private long readMeta(String key) throws SQLException {
    try (PreparedStatement ps = writer.prepareStatement(SELECT_META)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  // ---- reads ------------------------------------------------------------------------------

  @Override
  public Optional<Entry> get(Key key) {
    return Optional.ofNullable(current.get(key));
  }

  @Override
  public ListResult list(String resource, String namespace, Predicate<Entry> filter) {
    publishLock.readLock().lock();
    try {
      List<Entry> out = new ArrayList<>();
      for (Entry e : range(resource, namespace).values()) {
        if (filter == null || filter.test(e)) {
          out.add(e);
        }
      }
      return new ListResult(out, revision);
    } finally {
      publishLock.readLock().unlock();
    }
  }

  private Map<Key, Entry> range(String resource, String namespace) {
    if (namespace == null) {
      return current.subMap(
          new Key(resource, "", ""), true, new Key(resource, "\uffff", ""), false);
    }
    return current.subMap(
        new Key(resource, namespace, ""), true, new Key(resource, namespace, "\uffff"), false);
  }

  @Override
  public long currentRevision() {
    return revision;
  }

  @Override
  public long compactedRevision() {
    return compacted;
  }

  // ---- watches ----------------------------------------------------------------------------

  @Override
  public Watch watch(
      String resource, String namespace, long fromRevision, Predicate<Entry> filter) {
    checkOpen();
    List<Watch> list = watchers.computeIfAbsent(resource, r -> new CopyOnWriteArrayList<>());
    Watch[] holder = new Watch[1];
    Watch w =
        new Watch(
            resource,
            namespace,
            filter,
            options.watchCapacity(),
            fromRevision,
            () -> list.remove(holder[0]));
    holder[0] = w;
    long upTo;
    // Subscribe first, then replay: live events arriving during the replay are held back and
    // appended after it, so nothing between the history and the live stream is lost.
    publishLock.readLock().lock();
    try {
      if (fromRevision < compacted) {
        throw new ExpiredException(fromRevision, compacted);
      }
      upTo = revision;
      if (fromRevision < upTo) {
        w.beginReplay();
      }
      list.add(w);
    } finally {
      publishLock.readLock().unlock();
    }
    if (fromRevision < upTo) {
      try {
        replay(w, resource, namespace, fromRevision, upTo);
      } catch (SQLException e) {
        w.close();
        throw new StoreException("failed to read history of " + resource + ": " + e, e);
      } finally {
        w.endReplay();
      }
    }
    return w;
  }

  private void replay(Watch w, String resource, String namespace, long from, long to)
      throws SQLException {
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(SELECT_HISTORY)) {
        ps.setLong(1, from);
        ps.setLong(2, to);
        ps.setString(3, resource);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String ns = rs.getString(2);
            if (!w.matchesNamespace(ns)) {
              continue;
            }
            Key key = new Key(resource, ns, rs.getString(3));
            Entry entry = new Entry(key, rs.getLong(1), rs.getBytes(6));
            WatchEvent.Type type = WatchEvent.Type.values()[rs.getInt(4)];
            Entry previous = previousAt(key, rs.getLong(5));
            if (!w.offerHistory(new WatchEvent(type, entry, previous))) {
              return;
            }
          }
        }
      }
    }
  }

  private Entry previousAt(Key key, long rv) throws SQLException {
    if (rv == 0) {
      return null;
    }
    try (PreparedStatement ps = reader.prepareStatement(SELECT_VALUE_AT)) {
      ps.setLong(1, rv);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Entry(key, rv, rs.getBytes(1)) : null;
      }
    }
  }

  // ---- writes -----------------------------------------------------------------------------

  private enum OpType {
    CREATE,
    UPDATE,
    DELETE,
    COMPACT
  }

  private record Op(
      OpType type, Key key, long expected, Encoder encoder, CompletableFuture<Entry> result) {}

  private record Applied(Op op, WatchEvent event) {}

  @Override
  public Entry create(Key key, Encoder value) {
    return submit(new Op(OpType.CREATE, key, 0, value, new CompletableFuture<>()));
  }

  @Override
  public Entry update(Key key, long expectedRevision, Encoder value) {
    return submit(new Op(OpType.UPDATE, key, expectedRevision, value, new CompletableFuture<>()));
  }

  @Override
  public Entry delete(Key key, long expectedRevision, Encoder tombstone) {
    return submit(
        new Op(OpType.DELETE, key, expectedRevision, tombstone, new CompletableFuture<>()));
  }

  /**
   * Runs one compaction step now: removes up to one batch of history older than the retained
   * window. Returns the number of log rows removed.
   */
  public int compactNow() {
    Entry e = submit(new Op(OpType.COMPACT, null, 0, null, new CompletableFuture<>()));
    return (int) e.revision();
  }

  private Entry submit(Op op) {
    checkOpen();
    queue.add(op);
    try {
      return op.result().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while waiting for a write to " + op.key(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("write to " + op.key() + " failed: " + e.getCause(), e.getCause());
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StoreException("store is closed");
    }
  }

  private void runWriter() {
    List<Op> batch = new ArrayList<>();
    while (true) {
      try {
        Op first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          if (closed) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, options.maxBatch() - 1);
        process(batch);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("store writer failed", e);
        for (Op op : batch) {
          op.result().completeExceptionally(new StoreException("store writer failed: " + e, e));
        }
      } finally {
        batch.clear();
      }
    }
  }

  private void process(List<Op> batch) {
    List<Op> writes = new ArrayList<>(batch.size());
    for (Op op : batch) {
      if (op.type() == OpType.COMPACT) {
        runCompaction(op);
      } else {
        writes.add(op);
      }
    }
    if (!writes.isEmpty()) {
      commitWrites(writes);
    }
    if (revision - lastCompactionCheck >= Math.max(1, options.retainedRevisions() / 2)) {
      lastCompactionCheck = revision;
      queue.add(new Op(OpType.COMPACT, null, 0, null, new CompletableFuture<>()));
    }
  }

  private void commitWrites(List<Op> ops) {
    Map<Key, Entry> staged = new HashMap<>();
    List<Applied> applied = new ArrayList<>(ops.size());
    long rev = revision;
    try {
      exec("BEGIN IMMEDIATE");
      try (PreparedStatement insertLog = writer.prepareStatement(INSERT_LOG);
          PreparedStatement upsert = writer.prepareStatement(UPSERT_OBJECT);
          PreparedStatement remove = writer.prepareStatement(DELETE_OBJECT)) {
        for (Op op : ops) {
          Entry before =
              staged.containsKey(op.key()) ? staged.get(op.key()) : current.get(op.key());
          StoreException refused = checkPrecondition(op, before);
          if (refused != null) {
            op.result().completeExceptionally(refused);
            continue;
          }
          byte[] value;
          try {
            value = op.encoder() == null ? before.value() : op.encoder().encode(rev + 1);
          } catch (RuntimeException e) {
            op.result()
                .completeExceptionally(
                    new StoreException("failed to encode " + op.key() + ": " + e, e));
            continue;
          }
          rev++;
          WatchEvent event = writeRow(op, before, value, rev, insertLog, upsert, remove);
          staged.put(op.key(), op.type() == OpType.DELETE ? null : event.entry());
          applied.add(new Applied(op, event));
        }
      }
      exec("COMMIT");
    } catch (SQLException e) {
      rollbackQuietly();
      StoreException failure = new StoreException("failed to commit writes: " + e.getMessage(), e);
      log.warn("write transaction failed; {} writes rejected", applied.size(), e);
      for (Applied a : applied) {
        a.op().result().completeExceptionally(failure);
      }
      return;
    }
    publish(applied, rev);
  }

  private static StoreException checkPrecondition(Op op, Entry before) {
    if (op.type() == OpType.CREATE) {
      return before != null ? new AlreadyExistsException(op.key()) : null;
    }
    if (before == null) {
      return new NotFoundException(op.key());
    }
    if (op.expected() != 0 && op.expected() != before.revision()) {
      return new ConflictException(op.key(), op.expected(), before.revision());
    }
    return null;
  }

  private static WatchEvent writeRow(
      Op op,
      Entry before,
      byte[] value,
      long rev,
      PreparedStatement insertLog,
      PreparedStatement upsert,
      PreparedStatement remove)
      throws SQLException {
    Key k = op.key();
    WatchEvent.Type type =
        switch (op.type()) {
          case CREATE -> WatchEvent.Type.ADDED;
          case UPDATE -> WatchEvent.Type.MODIFIED;
          default -> WatchEvent.Type.DELETED;
        };
    insertLog.setLong(1, rev);
    insertLog.setString(2, k.resource());
    insertLog.setString(3, k.namespace());
    insertLog.setString(4, k.name());
    insertLog.setInt(5, type.ordinal());
    insertLog.setLong(6, before == null ? 0 : before.revision());
    insertLog.setBytes(7, value);
    insertLog.executeUpdate();
    PreparedStatement index = type == WatchEvent.Type.DELETED ? remove : upsert;
    index.setString(1, k.resource());
    index.setString(2, k.namespace());
    index.setString(3, k.name());
    if (type != WatchEvent.Type.DELETED) {
      index.setLong(4, rev);
    }
    index.executeUpdate();
    return new WatchEvent(type, new Entry(k, rev, value), before);
  }

  /** Makes committed writes visible: current state, then watchers, then the callers. */
  private void publish(List<Applied> applied, long rev) {
    publishLock.writeLock().lock();
    try {
      for (Applied a : applied) {
        WatchEvent e = a.event();
        if (e.type() == WatchEvent.Type.DELETED) {
          current.remove(e.entry().key());
        } else {
          current.put(e.entry().key(), e.entry());
        }
        revision = e.revision();
        List<Watch> ws = watchers.get(e.entry().key().resource());
        if (ws != null) {
          for (Watch w : ws) {
            if (w.matchesNamespace(e.entry().key().namespace())) {
              w.offerLive(e);
            }
          }
        }
      }
      revision = rev;
    } finally {
      publishLock.writeLock().unlock();
    }
    for (Applied a : applied) {
      a.op().result().complete(a.event().entry());
    }
  }

  private void runCompaction(Op op) {
    long target = revision - options.retainedRevisions();
    if (target <= compacted) {
      op.result().complete(new Entry(null, 0, null));
      return;
    }
    int removed;
    try {
      exec("BEGIN IMMEDIATE");
      try (PreparedStatement del = writer.prepareStatement(DELETE_COMPACTED)) {
        del.setLong(1, target);
        del.setInt(2, options.compactionBatch());
        removed = del.executeUpdate();
      }
      long reached = removed < options.compactionBatch() ? target : lowestRetained() - 1;
      try (PreparedStatement meta = writer.prepareStatement(UPSERT_META)) {
        meta.setString(1, "compacted");
        meta.setLong(2, reached);
        meta.executeUpdate();
      }
      exec("COMMIT");
      exec("PRAGMA incremental_vacuum(" + Math.max(64, removed) + ")");
      publishLock.writeLock().lock();
      try {
        compacted = reached;
      } finally {
        publishLock.writeLock().unlock();
      }
      if (removed >= options.compactionBatch()) {
        // More to do: continue in another short transaction so writers are never held up long.
        queue.add(new Op(OpType.COMPACT, null, 0, null, new CompletableFuture<>()));
      }
      log.debug("compacted {} log rows up to revision {}", removed, reached);
      op.result().complete(new Entry(null, removed, null));
    } catch (SQLException e) {
      rollbackQuietly();
      log.warn("compaction failed; will retry", e);
      op.result().completeExceptionally(new StoreException("compaction failed: " + e, e));
    }
  }

  private long lowestRetained() throws SQLException {
    try (Statement s = writer.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COALESCE(MIN(rv), 0) FROM log WHERE rv NOT IN (SELECT rv FROM objects)")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.execute(sql);
    }
  }

  private void rollbackQuietly() {
    try {
      exec("ROLLBACK");
    } catch (SQLException e) {
      log.debug("rollback failed", e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writerThread.interrupt();
    try {
      writerThread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Op pending;
    while ((pending = queue.poll()) != null) {
      pending.result().completeExceptionally(new StoreException("store is closed"));
    }
    for (List<Watch> ws : watchers.values()) {
      for (Watch w : ws) {
        w.end();
      }
    }
    try {
      reader.close();
      writer.close();
    } catch (SQLException e) {
      log.warn("closing {} failed", file, e);
    }
  }

  /** For tests and diagnostics: how many history rows are stored. */
  long logRows() throws SQLException {
    synchronized (reader) {
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM log")) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }
}
