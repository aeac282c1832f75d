package dev.kc.controlplane.kubelet.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An unbounded pipe between tasks of one process. Writers never block (simulated memory is cheap);
 * the pipe closes when the last task holding its write end exits. Once the last reader is gone,
 * writing raises {@link Broken}, which ends the writer as SIGPIPE would.
 */
final class Pipe {
  /** A write to a pipe nobody reads any more: the writer dies of SIGPIPE. */
  static final class Broken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Broken() {
      super("broken pipe", null, false, false);
    }
  }

  private byte[] buf = new byte[256];
  private int start;
  private int end;
  private int writers;
  private int readers;

  void addWriter() {
    writers++;
  }

  void removeWriter() {
    writers--;
  }

  void addReader() {
    readers++;
  }

  void removeReader() {
    readers--;
  }

  boolean isClosed() {
    return writers <= 0;
  }

  /**
   * Appends {@code data}.
   *
   * @throws Broken if every reader has exited
   */
  void write(byte[] data) {
    if (readers <= 0) {
      throw new Broken();
    }
    if (end + data.length > buf.length) {
      byte[] next = new byte[Math.max(buf.length * 2, end - start + data.length)];
      System.arraycopy(buf, start, next, 0, end - start);
      end -= start;
      start = 0;
      buf = next;
    }
    System.arraycopy(data, 0, buf, end, data.length);
    end += data.length;
  }

  boolean hasLine() {
    for (int i = start; i < end; i++) {
      if (buf[i] == '\n') {
        return true;
      }
    }
    return false;
  }

  /** The next line with its newline, or the unterminated rest, or null at end of input. */
  String readRawLine() {
    for (int i = start; i < end; i++) {
      if (buf[i] == '\n') {
        String line = new String(buf, start, i + 1 - start, StandardCharsets.UTF_8);
        start = i + 1;
        return line;
      }
    }
    if (start == end) {
      return null;
    }
    String rest = new String(buf, start, end - start, StandardCharsets.UTF_8);
    start = end;
    return rest;
  }

  /** {@link #readRawLine()} without the newline. */
  String readLine() {
    String raw = readRawLine();
    return raw == null || !raw.endsWith("\n") ? raw : raw.substring(0, raw.length() - 1);
  }

  byte[] readAll() {
    byte[] rest = Arrays.copyOfRange(buf, start, end);
    start = end;
    return rest;
  }
}
