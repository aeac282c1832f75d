package dev.kc.controlplane.kubelet.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An unbounded pipe between tasks of one process. Writers never block (simulated memory is cheap);
 * the pipe closes when the last task holding its write end exits.
 */
final class Pipe {
  private byte[] buf = new byte[256];
  private int start;
  private int end;
  private int writers;

  void addWriter() {
    writers++;
  }

  void removeWriter() {
    writers--;
  }

  boolean isClosed() {
    return writers <= 0;
  }

  void write(byte[] data) {
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

  /** The next line, or the unterminated rest once closed, or null at end of input. */
  String readLine() {
    for (int i = start; i < end; i++) {
      if (buf[i] == '\n') {
        String line = new String(buf, start, i - start, StandardCharsets.UTF_8);
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

  byte[] readAll() {
    byte[] rest = Arrays.copyOfRange(buf, start, end);
    start = end;
    return rest;
  }
}
