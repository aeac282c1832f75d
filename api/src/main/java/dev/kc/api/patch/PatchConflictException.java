package dev.kc.api.patch;

/**
 * A three-way patch was requested without overwrite, and the live object was changed (since the
 * last apply) in a way that the new manifest changes differently. kubectl reports this as a
 * conflict; the CLI should tell the user to re-run with overwrite or reconcile by hand.
 */
public class PatchConflictException extends PatchException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a conflict report.
   *
   * @param message which fields conflict, phrased for the user
   */
  public PatchConflictException(String message) {
    super(message);
  }
}
