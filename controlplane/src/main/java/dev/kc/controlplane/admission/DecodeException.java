package dev.kc.controlplane.admission;

/** Placeholder until the admission package lands. */
public class DecodeException extends RuntimeException {
  public DecodeException(String message) {
    super(message);
  }
}
