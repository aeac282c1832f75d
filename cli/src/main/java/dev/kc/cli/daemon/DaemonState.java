package dev.kc.cli.daemon;

import dev.kc.cli.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The daemon's {@code $KC_HOME/daemon.json}, written by the daemon once it is ready and removed on
 * clean shutdown: {@code {"pid":1234,"port":6443,"url":"https://127.0.0.1:6443",
 * "startedAt":"RFC3339","version":"..."}}.
 *
 * @param pid the daemon's process id
 * @param port the HTTPS port
 * @param url the API server URL
 * @param startedAt when the daemon started (RFC 3339), possibly {@code null}
 * @param version the daemon's version, possibly {@code null}
 * @param socket optional path of a Unix domain socket serving the API over plain HTTP; kc prefers
 *     it to HTTPS because it skips the TLS start-up cost (an optional field beyond the contract;
 *     {@code null} when absent)
 * @param written when the file was last modified
 */
public record DaemonState(
    long pid,
    int port,
    String url,
    String startedAt,
    String version,
    String socket,
    Instant written) {

  /** The file's name inside {@code KC_HOME}. */
  public static final String FILE = "daemon.json";

  /**
   * Reads the state file.
   *
   * @return the state, or {@code null} when the file is missing or unreadable
   */
  public static DaemonState read(Path home) {
    Path file = home.resolve(FILE);
    try {
      Instant written = Files.getLastModifiedTime(file).toInstant();
      Object doc = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
      Object pid = Json.at(doc, "pid");
      Object port = Json.at(doc, "port");
      if (!(pid instanceof Number)) {
        return null;
      }
      return new DaemonState(
          ((Number) pid).longValue(),
          port instanceof Number ? ((Number) port).intValue() : 0,
          Json.str(doc, "url"),
          Json.str(doc, "startedAt"),
          Json.str(doc, "version"),
          Json.str(doc, "socket"),
          written);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Returns the state of a live daemon.
   *
   * @return the state, or {@code null} when there is no state file or its process is gone (a stale
   *     file left by a crash)
   */
  public static DaemonState running(Path home) {
    DaemonState s = read(home);
    return s != null && s.isAlive() ? s : null;
  }

  /** Whether the recorded process is alive. */
  public boolean isAlive() {
    // On Linux a look at /proc answers without starting ProcessHandle's machinery (a
    // noticeable share of a cold CLI run); elsewhere ask ProcessHandle.
    Path proc = Path.of("/proc");
    if (Files.isDirectory(proc.resolve("self"))) {
      return Files.exists(proc.resolve(Long.toString(pid)));
    }
    java.util.Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    return handle.isPresent() && handle.get().isAlive();
  }

  /** When the daemon started: {@code startedAt} if parsable, else the file's time. */
  public Instant started() {
    if (startedAt != null) {
      try {
        return Instant.parse(startedAt);
      } catch (DateTimeParseException e) {
        // Fall back to the file time.
      }
    }
    return written;
  }

  /** The URL to show: {@code url}, else derived from the port. */
  public String displayUrl() {
    return url != null ? url : "https://127.0.0.1:" + port;
  }
}
