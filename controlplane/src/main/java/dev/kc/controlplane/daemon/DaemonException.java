package dev.kc.controlplane.daemon;

/** The daemon cannot start; the message is meant for the user. */
public class DaemonException extends RuntimeException {
  public DaemonException(String message) {
    super(message);
  }

  public DaemonException(String message, Throwable cause) {
    super(message, cause);
  }
}
