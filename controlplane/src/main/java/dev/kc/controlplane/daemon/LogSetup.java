package dev.kc.controlplane.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends the daemon's logs (SLF4J over java.util.logging) to {@code logs/kc-daemon.log}, one line
 * per record, rotating to {@code .1}, {@code .2}, {@code .3} at start and whenever the file passes
 * {@link #LIMIT} bytes.
 */
final class LogSetup {
  static final long LIMIT = 10L * 1024 * 1024;
  static final int KEEP = 3;

  private LogSetup() {}

  static void toFile(Path file, Level level) throws IOException {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(level);
    RotatingHandler handler = new RotatingHandler(file);
    handler.setLevel(level);
    handler.setFormatter(new LineFormatter());
    root.addHandler(handler);
    // Jetty and the SQLite driver are chatty below INFO.
    Logger.getLogger("org.eclipse.jetty").setLevel(Level.INFO);
  }

  /** {@code 2026-12-03T17:22:52.123Z INFO [thread] logger: message}. */
  static final class LineFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder sb = new StringBuilder(160);
      sb.append(Instant.ofEpochMilli(r.getMillis()))
          .append(' ')
          .append(levelName(r.getLevel()))
          .append(" [")
          .append(Thread.currentThread().getName())
          .append("] ")
          .append(shortName(r.getLoggerName()))
          .append(": ")
          .append(formatMessage(r))
          .append('\n');
      if (r.getThrown() != null) {
        java.io.StringWriter sw = new java.io.StringWriter();
        r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
        sb.append(sw);
      }
      return sb.toString();
    }

    private static String levelName(Level l) {
      if (l == Level.SEVERE) {
        return "ERROR";
      }
      if (l == Level.WARNING) {
        return "WARN";
      }
      if (l == Level.FINE) {
        return "DEBUG";
      }
      if (l == Level.FINER || l == Level.FINEST) {
        return "TRACE";
      }
      return l.getName();
    }

    private static String shortName(String logger) {
      if (logger == null) {
        return "";
      }
      int dot = logger.lastIndexOf('.');
      return dot < 0 ? logger : logger.substring(dot + 1);
    }
  }

  /** A file handler that rotates by size, keeping a few old files. */
  static final class RotatingHandler extends Handler {
    private final Path file;
    private OutputStream out;
    private long written;

    RotatingHandler(Path file) throws IOException {
      this.file = file;
      rotate();
    }

    private void rotate() throws IOException {
      if (out != null) {
        out.close();
      }
      for (int i = KEEP - 1; i >= 1; i--) {
        Path from = file.resolveSibling(file.getFileName() + "." + i);
        if (Files.exists(from)) {
          Files.move(
              from,
              file.resolveSibling(file.getFileName() + "." + (i + 1)),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (Files.exists(file) && Files.size(file) > 0) {
        Files.move(
            file,
            file.resolveSibling(file.getFileName() + ".1"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      Home.restrictFile(file);
      written = 0;
    }

    @Override
    public synchronized void publish(LogRecord record) {
      if (!isLoggable(record)) {
        return;
      }
      try {
        byte[] line =
            getFormatter().format(record).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (written + line.length > LIMIT) {
          rotate();
        }
        out.write(line);
        out.flush();
        written += line.length;
      } catch (IOException e) {
        reportError("cannot write log", e, java.util.logging.ErrorManager.WRITE_FAILURE);
      }
    }

    @Override
    public synchronized void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        reportError("cannot flush log", e, java.util.logging.ErrorManager.FLUSH_FAILURE);
      }
    }

    @Override
    public synchronized void close() {
      try {
        out.close();
      } catch (IOException e) {
        reportError("cannot close log", e, java.util.logging.ErrorManager.CLOSE_FAILURE);
      }
    }
  }
}
