package dev.kc.controlplane.objects;

/**
 * Options of a create, update or patch request.
 *
 * @param dryRun validate and answer as if written, but store nothing
 * @param fieldValidation what to do with fields the schema does not know
 * @param fieldManager who is writing ({@code kubectl-client-side-apply}, a controller's name)
 * @param force for server-side apply: take ownership of conflicting fields
 * @param trusted written by the control plane itself, whose objects are well-typed by construction:
 *     the schema decode check (which loads the typed model) is skipped; defaulting and validation
 *     still run
 */
public record WriteOptions(
    boolean dryRun,
    FieldValidation fieldValidation,
    String fieldManager,
    boolean force,
    boolean trusted) {

  /** Options of a request from an API client. */
  public WriteOptions(
      boolean dryRun, FieldValidation fieldValidation, String fieldManager, boolean force) {
    this(dryRun, fieldValidation, fieldManager, force, false);
  }

  /** How unknown fields in a request body are treated. */
  public enum FieldValidation {
    /** Drop them silently. */
    IGNORE,
    /** Drop them and warn (the API's default). */
    WARN,
    /** Reject the request. */
    STRICT;

    /** Parses the {@code fieldValidation} query value; absent means {@link #WARN}. */
    public static FieldValidation parse(String value) {
      if (value == null || value.isEmpty()) {
        return WARN;
      }
      return switch (value) {
        case "Ignore" -> IGNORE;
        case "Warn" -> WARN;
        case "Strict" -> STRICT;
        default ->
            throw ApiException.badRequest(
                "fieldValidation must be one of Ignore, Warn, Strict; got \"" + value + "\"");
      };
    }
  }

  /** For writes made by the control plane itself. */
  public static WriteOptions internal(String manager) {
    return new WriteOptions(false, FieldValidation.IGNORE, manager, false, true);
  }
}
