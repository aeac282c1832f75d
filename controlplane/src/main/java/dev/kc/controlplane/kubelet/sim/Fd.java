package dev.kc.controlplane.kubelet.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An open file descriptor of a simulated shell: where writes go or where reads come from. Input
 * descriptors keep a read position shared by every command that inherits them, so that {@code while
 * read line; do ...; done < file} walks the file once.
 */
abstract class Fd {
  /** A descriptor that discards writes and reads as empty ({@code /dev/null}, closed fds). */
  static final Fd NULL = new Fd() {};

  /** Writes {@code data}; input descriptors ignore writes. */
  void write(byte[] data) {}

  /** Whether a line (or end of input) is available without waiting. */
  boolean isLineReady() {
    return true;
  }

  /** Whether all input is available without waiting: only an open pipe says no. */
  boolean isComplete() {
    return true;
  }

  /** The next line without its newline, or null at end of input. Call when line-ready. */
  String readLine() {
    return null;
  }

  /** The rest of the input. Call when complete. */
  byte[] readAll() {
    return new byte[0];
  }

  /** The process's own output stream. */
  static final class Sink extends Fd {
    private final OutputSink sink;

    Sink(OutputSink sink) {
      this.sink = sink;
    }

    @Override
    void write(byte[] data) {
      if (data.length > 0) {
        // The sink may keep the array (OutputSink's contract); kubelet programs may reuse theirs.
        sink.write(data.clone());
      }
    }
  }

  /** A file opened for writing; each write appends, as with O_APPEND after the truncation. */
  static final class File extends Fd {
    private final InMemoryFs fs;
    private final String path;

    File(InMemoryFs fs, String path) {
      this.fs = fs;
      this.path = path;
    }

    @Override
    void write(byte[] data) {
      try {
        fs.append(path, data);
      } catch (FsException e) {
        // The file went away under us (its directory was removed); like writing to an
        // unlinked inode, the data is lost.
      }
    }
  }

  /** Collects output, for command substitution. */
  static final class Capture extends Fd {
    final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    @Override
    void write(byte[] data) {
      buf.writeBytes(data);
    }

    String text() {
      return buf.toString(StandardCharsets.UTF_8);
    }
  }

  /** Fixed input: a file's content when opened, a here-document, the process's stdin. */
  static final class Bytes extends Fd {
    private final byte[] data;
    private int pos;

    Bytes(byte[] data) {
      this.data = data;
    }

    @Override
    String readLine() {
      if (pos >= data.length) {
        return null;
      }
      int end = pos;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      String line = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = Math.min(data.length, end + 1);
      return line;
    }

    @Override
    byte[] readAll() {
      byte[] rest = Arrays.copyOfRange(data, pos, data.length);
      pos = data.length;
      return rest;
    }
  }

  /** One end of a {@link Pipe}. */
  static final class PipeEnd extends Fd {
    final Pipe pipe;
    final boolean writer;

    PipeEnd(Pipe pipe, boolean writer) {
      this.pipe = pipe;
      this.writer = writer;
    }

    @Override
    void write(byte[] data) {
      if (writer) {
        pipe.write(data);
      }
    }

    @Override
    boolean isLineReady() {
      return writer || pipe.hasLine() || pipe.isClosed();
    }

    @Override
    boolean isComplete() {
      return writer || pipe.isClosed();
    }

    @Override
    String readLine() {
      return writer ? null : pipe.readLine();
    }

    @Override
    byte[] readAll() {
      return writer ? new byte[0] : pipe.readAll();
    }
  }
}
