package dev.kc.store;

/** A store operation failed. Subclasses name the failures callers are expected to handle. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
