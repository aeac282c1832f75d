package dev.kc.controlplane.protobuf;

/**
 * A protobuf request body that kc cannot decode: malformed wire data, a missing envelope, or a kind
 * kc only accepts as JSON.
 *
 * <p>The message is written for the client and fits a 400 BadRequest {@code Status} as is.
 */
public final class ProtobufException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message is shown to the client unchanged. */
  public ProtobufException(String message) {
    super(message);
  }
}
