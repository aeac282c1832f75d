package dev.kc.controlplane.kubelet.sim;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything one run of a {@link Program} gets.
 *
 * @param argv the arguments; {@code argv.get(0)} is the name as typed
 * @param env the exported environment
 * @param cwd the working directory, absolute
 * @param stdin reads and consumes the rest of standard input; it never waits, because the shell
 *     starts a program whose input is a pipe only once the pipe is closed. Reading nothing leaves
 *     the input to the next command ({@code while read l; do echo; done < file})
 * @param stdout standard output, after the shell's redirections
 * @param stderr standard error, after the shell's redirections
 * @param fs the container's file system
 * @param hostname the host name
 * @param resolver DNS, as {@link ProcessContext#resolver()}
 * @param now the simulated time at start
 */
public record Invocation(
    List<String> argv,
    Map<String, String> env,
    String cwd,
    Supplier<byte[]> stdin,
    OutputSink stdout,
    OutputSink stderr,
    InMemoryFs fs,
    String hostname,
    Function<String, List<String>> resolver,
    Instant now) {

  /** The program name without any directory, e.g. {@code ls} for {@code /bin/ls}. */
  public String name() {
    String a0 = argv.get(0);
    return a0.substring(a0.lastIndexOf('/') + 1);
  }

  /** The arguments after the program name. */
  public List<String> args() {
    return argv.subList(1, argv.size());
  }

  /** {@code path} resolved against {@link #cwd()} and normalized. */
  public String path(String path) {
    return InMemoryFs.resolve(cwd, path);
  }

  /** The rest of standard input, decoded as UTF-8. */
  public String readStdin() {
    return new String(stdin.get(), StandardCharsets.UTF_8);
  }

  /** Writes {@code text} as UTF-8 to standard output. */
  public void out(String text) {
    if (!text.isEmpty()) {
      stdout.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes {@code text} as UTF-8 to standard error. */
  public void err(String text) {
    stderr.write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes {@code name: message} and a newline to standard error, as utilities do. */
  public void complain(String message) {
    err(name() + ": " + message + "\n");
  }
}
