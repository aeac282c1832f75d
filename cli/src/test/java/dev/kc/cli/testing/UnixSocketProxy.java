package dev.kc.cli.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a TCP HTTP server (the {@link FakeApiServer}) on a Unix domain socket by piping bytes, so
 * tests can exercise kc's Unix-socket transport. Counts accepted connections.
 */
public final class UnixSocketProxy implements AutoCloseable {

  private final ServerSocketChannel server;
  private final Path path;
  private final int targetPort;
  private final AtomicInteger accepted = new AtomicInteger();

  /** Listens on {@code path} and forwards every connection to {@code 127.0.0.1:targetPort}. */
  public UnixSocketProxy(Path path, int targetPort) throws IOException {
    this.path = path;
    this.targetPort = targetPort;
    Files.deleteIfExists(path);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Thread t = new Thread(this::acceptLoop, "uds-proxy");
    t.setDaemon(true);
    t.start();
  }

  /** How many connections came in over the socket. */
  public int accepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel client = server.accept();
        accepted.incrementAndGet();
        SocketChannel upstream = SocketChannel.open(new InetSocketAddress("127.0.0.1", targetPort));
        pipe(client, upstream);
        pipe(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  /**
   * Copies with channel reads and writes: stream adapters from {@code Channels} lock the channel
   * for a blocked read, which would deadlock a reader and a writer on the same connection.
   */
  private static void pipe(SocketChannel from, SocketChannel to) {
    Thread t =
        new Thread(
            () -> {
              ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
              try {
                while (from.read(buf) >= 0) {
                  buf.flip();
                  while (buf.hasRemaining()) {
                    to.write(buf);
                  }
                  buf.clear();
                }
              } catch (IOException ignored) {
                // One side closed; the other follows.
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException ignored) {
                  // Already closed.
                }
              }
            },
            "uds-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(path);
  }
}
