package dev.kc.controlplane.kubelet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a container wrote, line by line with timestamps, bounded in size like a container
 * runtime's log file rotation.
 */
public final class ContainerLog {
  private static final int MAX_BYTES = 1 << 20;

  /** One line as written at a moment. */
  public record Line(Instant time, String text) {}

  private final ArrayDeque<Line> lines = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private int bytes;
  private long written;

  /** Appends output; complete lines become entries, a trailing fragment waits for its newline. */
  public synchronized void append(Instant time, byte[] data) {
    partial.append(new String(data, StandardCharsets.UTF_8));
    int nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      add(new Line(time, partial.substring(0, nl)));
      partial.delete(0, nl + 1);
    }
    notifyAll();
  }

  private void add(Line line) {
    lines.add(line);
    bytes += line.text().length() + 1;
    written++;
    while (bytes > MAX_BYTES && !lines.isEmpty()) {
      bytes -= lines.poll().text().length() + 1;
    }
  }

  /** Every retained line, including an unterminated last one. */
  public synchronized List<Line> lines() {
    List<Line> out = new ArrayList<>(lines);
    if (partial.length() > 0) {
      out.add(new Line(Instant.EPOCH, partial.toString()));
    }
    return out;
  }

  /** How many complete lines were ever written (to follow a log). */
  public synchronized long written() {
    return written;
  }
}
