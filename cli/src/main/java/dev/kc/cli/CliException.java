package dev.kc.cli;

/**
 * An error meant for the user: its message is printed to stderr verbatim (it already reads the way
 * kubectl would print it) and the command exits with {@link #exitCode()}.
 *
 * <p>Use {@link #error(String)} for kubectl's usual {@code error: ...} lines.
 */
public class CliException extends RuntimeException {

  private final int exitCode;

  /** An error printed exactly as given, exiting with {@link ExitCodes#ERROR}. */
  public CliException(String message) {
    this(message, ExitCodes.ERROR);
  }

  /** An error printed exactly as given, exiting with {@code exitCode}. */
  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** An error printed as {@code error: <message>}, the form kubectl uses for client errors. */
  public static CliException error(String message) {
    return new CliException("error: " + message);
  }

  /** The process exit code to use. */
  public int exitCode() {
    return exitCode;
  }
}
