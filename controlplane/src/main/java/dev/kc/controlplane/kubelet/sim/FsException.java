package dev.kc.controlplane.kubelet.sim;

/**
 * A failed {@link InMemoryFs} or {@link Volume} operation, carrying a POSIX-like error kind so that
 * the shell can print the same messages as coreutils ({@code cat: /x: No such file or directory}).
 */
public final class FsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The error kinds the in-memory file system can report, with their strerror(3) text. */
  public enum Errno {
    ENOENT("No such file or directory"),
    EEXIST("File exists"),
    ENOTDIR("Not a directory"),
    EISDIR("Is a directory"),
    ENOTEMPTY("Directory not empty"),
    EROFS("Read-only file system"),
    EBUSY("Device or resource busy"),
    EXDEV("Invalid cross-device link"),
    EINVAL("Invalid argument");

    private final String text;

    Errno(String text) {
      this.text = text;
    }

    /** The strerror(3) text, e.g. {@code No such file or directory}. */
    public String text() {
      return text;
    }
  }

  private final Errno errno;
  private final String path;

  /**
   * Creates an exception for {@code path}.
   *
   * @param errno what went wrong
   * @param path the path the operation was given (normalized), used in the message
   */
  public FsException(Errno errno, String path) {
    super(path + ": " + errno.text());
    this.errno = errno;
    this.path = path;
  }

  /** What went wrong. */
  public Errno errno() {
    return errno;
  }

  /** The path the failing operation was about. */
  public String path() {
    return path;
  }
}
