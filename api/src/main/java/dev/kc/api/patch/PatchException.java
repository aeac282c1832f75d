package dev.kc.api.patch;

/**
 * A patch could not be applied or created because the patch (or a document it was computed from) is
 * malformed for the patch type: an unknown directive, a list element without its merge key, a
 * directive whose value has the wrong JSON type, and so on.
 *
 * <p>Every problem a caller-supplied document can cause surfaces as this exception (or its subclass
 * {@link PatchConflictException}); the API server maps it to a 4xx response and uses {@link
 * #getMessage()} as the user-facing text. The message names the JSON path where the problem was
 * found, e.g. {@code .spec.template.spec.containers: element has no merge key "name"}.
 *
 * <p>Unchecked so the patch functions compose with streams and lambdas; callers at the HTTP
 * boundary catch it explicitly.
 */
public class PatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a user-facing message.
   *
   * @param message what is wrong and where, phrased for the person who sent the patch
   */
  public PatchException(String message) {
    super(message);
  }

  /**
   * Reports a problem found at a JSON path.
   *
   * @param path the dotted path of the offending field, {@code ""} for the document root
   * @param problem what is wrong there
   * @return the exception, for {@code throw PatchException.at(...)}
   */
  static PatchException at(String path, String problem) {
    return new PatchException((path.isEmpty() ? "<root>" : path) + ": " + problem);
  }
}
