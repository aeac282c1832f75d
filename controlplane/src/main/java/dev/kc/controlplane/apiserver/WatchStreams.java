package dev.kc.controlplane.apiserver;

import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.objects.Selectors;
import dev.kc.controlplane.registry.ResourceType;
import dev.kc.store.Entry;
import dev.kc.store.ListResult;
import dev.kc.store.Watch;
import dev.kc.store.WatchEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams watch events as newline-delimited JSON over a chunked response, without a thread per
 * watcher: events are encoded and written by a pump that runs whenever the store has queued some
 * and the previous write has completed.
 */
final class WatchStreams {
  private static final Logger log = LoggerFactory.getLogger(WatchStreams.class);

  private final ScheduledExecutorService timers;
  private final Executor executor;
  private final Duration heartbeat;

  /**
   * @param heartbeat how often an idle stream is written to (a bookmark, or a bare newline, which
   *     JSON stream decoders skip) so that dead clients are noticed and released
   */
  WatchStreams(ScheduledExecutorService timers, Executor executor, Duration heartbeat) {
    this.timers = timers;
    this.executor = executor;
    this.heartbeat = heartbeat;
  }

  void start(Exchange ex, ResourceType type, RequestPath rp, ObjectService objects) {
    Selectors selectors =
        Selectors.parse(type, ex.param("labelSelector"), ex.param("fieldSelector"));
    String namespace = type.namespaced() ? rp.namespace() : "";
    String rvParam = ex.param("resourceVersion");
    List<Entry> initial = List.of();
    long from;
    if (rvParam == null || rvParam.isEmpty() || rvParam.equals("0")) {
      ListResult lr = objects.list(type, namespace, selectors);
      initial = lr.entries();
      from = lr.revision();
    } else {
      try {
        from = Long.parseLong(rvParam);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid resource version: " + rvParam);
      }
    }
    boolean table = Tables.wanted(ex.header("Accept"));
    ex.response.setStatus(200);
    ex.response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    // A watch may stay quiet for a long time; the heartbeat, not an idle timeout, ends dead ones.
    ex.request.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(0);
    Watch watch;
    try {
      watch = objects.watch(type, namespace, from, selectors);
    } catch (ApiException e) {
      // Kubernetes answers a watch from a compacted revision with one ERROR event.
      byte[] event = errorEvent(e);
      ex.response.write(true, ByteBuffer.wrap(event), ex.callback);
      return;
    }
    Stream s =
        new Stream(
            ex,
            type,
            rp.version(),
            objects,
            watch,
            table,
            Tables.Include.parse(ex.param("includeObject")),
            ex.flag("allowWatchBookmarks"),
            from);
    for (Entry e : initial) {
      s.pending.add(s.encode(new WatchEvent(WatchEvent.Type.ADDED, e, null)));
    }
    s.begin(parseTimeout(ex.param("timeoutSeconds")));
  }

  private static long parseTimeout(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid timeoutSeconds: " + value);
    }
  }

  private static byte[] errorEvent(ApiException e) {
    ObjectNode ev = Json.object();
    ev.put("type", "ERROR");
    ev.set("object", e.toStatus());
    return (ev + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** One open watch response. All mutable state is guarded by the stream's monitor. */
  private final class Stream {
    private final Exchange ex;
    private final ResourceType type;
    private final String version;
    private final ObjectService objects;
    private final Watch watch;
    private final boolean table;
    private final Tables.Include include;
    private final boolean bookmarks;
    final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private boolean writing;
    private boolean finished;
    private boolean columnsSent;
    private long lastRevision;
    private long lastWrite = System.nanoTime();
    private ScheduledFuture<?> beat;
    private ScheduledFuture<?> timeout;

    Stream(
        Exchange ex,
        ResourceType type,
        String version,
        ObjectService objects,
        Watch watch,
        boolean table,
        Tables.Include include,
        boolean bookmarks,
        long from) {
      this.ex = ex;
      this.type = type;
      this.version = version;
      this.objects = objects;
      this.watch = watch;
      this.table = table;
      this.include = include;
      this.bookmarks = bookmarks;
      this.lastRevision = from;
    }

    void begin(long timeoutSeconds) {
      long period = heartbeat.toMillis();
      beat = timers.scheduleAtFixedRate(this::onHeartbeat, period, period, TimeUnit.MILLISECONDS);
      if (timeoutSeconds > 0) {
        timeout = timers.schedule(this::finish, timeoutSeconds, TimeUnit.SECONDS);
      }
      watch.onAvailable(() -> schedule(this::pump));
      schedule(this::pump);
    }

    /** Runs work off the store's writer thread; after shutdown there is nothing left to do. */
    private void schedule(Runnable work) {
      try {
        executor.execute(work);
      } catch (RejectedExecutionException e) {
        log.debug("server stopping; dropping watch work");
      }
    }

    private void onHeartbeat() {
      synchronized (this) {
        if (finished || writing || System.nanoTime() - lastWrite < heartbeat.toNanos() / 2) {
          return;
        }
        pending.add(bookmarks ? bookmark() : new byte[] {'\n'});
      }
      pump();
    }

    private byte[] bookmark() {
      ObjectNode ev = Json.object();
      ev.put("type", "BOOKMARK");
      ObjectNode obj = ev.putObject("object");
      obj.put("kind", type.kind());
      obj.put("apiVersion", type.apiVersion(version));
      obj.putObject("metadata").put("resourceVersion", Long.toString(lastRevision));
      return (ev + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Writes everything queued in one chunk, unless a write is already in flight. */
    void pump() {
      ByteArrayOutputStream chunk;
      synchronized (this) {
        if (writing || finished) {
          return;
        }
        chunk = new ByteArrayOutputStream();
        byte[] b;
        while ((b = pending.poll()) != null) {
          chunk.writeBytes(b);
        }
        WatchEvent e;
        while ((e = watch.poll()) != null) {
          lastRevision = e.revision();
          chunk.writeBytes(encode(e));
        }
        if (chunk.size() == 0) {
          if (watch.isFinished()) {
            endWithFailure();
          }
          return;
        }
        writing = true;
        lastWrite = System.nanoTime();
      }
      ex.response.write(
          false,
          ByteBuffer.wrap(chunk.toByteArray()),
          Callback.from(
              () -> {
                synchronized (this) {
                  writing = false;
                }
                pump();
              },
              failure -> {
                log.debug("watch client went away: {}", failure.toString());
                close(failure);
              }));
    }

    private void endWithFailure() {
      if (watch.failure() != null) {
        pending.add(errorEvent(ApiException.expired(watch.failure().getMessage())));
        schedule(this::finish);
        return;
      }
      schedule(this::finish);
    }

    /** Ends the response normally (timeout reached, store closing). */
    void finish() {
      byte[] rest;
      synchronized (this) {
        if (finished) {
          return;
        }
        if (writing) {
          // Try again once the write in flight completes.
          timers.schedule(this::finish, 10, TimeUnit.MILLISECONDS);
          return;
        }
        finished = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b;
        while ((b = pending.poll()) != null) {
          out.writeBytes(b);
        }
        rest = out.toByteArray();
      }
      cancelTimers();
      watch.close();
      ex.response.write(true, ByteBuffer.wrap(rest), ex.callback);
    }

    private void close(Throwable failure) {
      synchronized (this) {
        if (finished) {
          return;
        }
        finished = true;
      }
      cancelTimers();
      watch.close();
      ex.callback.failed(failure);
    }

    private void cancelTimers() {
      if (beat != null) {
        beat.cancel(false);
      }
      if (timeout != null) {
        timeout.cancel(false);
      }
    }

    byte[] encode(WatchEvent e) {
      String typeName = e.type().name();
      if (table) {
        ObjectNode stored = e.entry().decoded(Json::decode);
        ObjectNode served = objects.toVersion(type, version, stored);
        ObjectNode t =
            Tables.table(
                type.kind(),
                List.of(stored),
                List.of(served),
                include,
                Long.toString(e.revision()),
                !columnsSent,
                objects.clock().now());
        columnsSent = true;
        ObjectNode ev = Json.object();
        ev.put("type", typeName);
        ev.set("object", t);
        return (ev + "\n").getBytes(StandardCharsets.UTF_8);
      }
      byte[] obj =
          version.equals(type.storageVersion())
              ? e.entry().value()
              : Json.encode(objects.toVersion(type, version, Json.decode(e.entry().value())));
      ByteArrayOutputStream out = new ByteArrayOutputStream(obj.length + 40);
      out.writeBytes(
          ("{\"type\":\"" + typeName + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(obj);
      out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
      return out.toByteArray();
    }
  }
}
