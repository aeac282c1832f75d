package dev.kc.controlplane.admission;

/**
 * Thrown when a request body cannot be decoded as its kind because a field has the wrong JSON type
 * (or a typed value such as a quantity or timestamp is malformed). The API server answers 400
 * BadRequest with {@link #getMessage()} as the Status message.
 *
 * <p>The message is Kubernetes' own, e.g. {@code Pod in version "v1" cannot be handled as a Pod:
 * json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type
 * map[string]string}.
 */
public class DecodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String kind;
  private final String version;
  private final String cause;

  /**
   * Creates the exception for a kind and the Go decoder's error text.
   *
   * @param kind the object kind, e.g. {@code Deployment}
   * @param version the version part of the apiVersion, e.g. {@code v1} for {@code apps/v1}
   * @param goError the decoder error, e.g. {@code json: cannot unmarshal string into ...}
   */
  public DecodeException(String kind, String version, String goError) {
    super(kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": " + goError);
    this.kind = kind;
    this.version = version;
    this.cause = goError;
  }

  /** Returns the kind that failed to decode. */
  public String kind() {
    return kind;
  }

  /** Returns the version part of the apiVersion (e.g. {@code v1}). */
  public String version() {
    return version;
  }

  /** Returns the decoder's own error text, without the "cannot be handled" prefix. */
  public String decodeError() {
    return cause;
  }
}
