package dev.kc.controlplane.objects;

/**
 * Options of a delete request, from the query and the {@code DeleteOptions} body.
 *
 * @param propagationPolicy {@code Background}, {@code Foreground} or {@code Orphan}; {@code null}
 *     for the type's default
 * @param gracePeriodSeconds how long a pod may take to stop; {@code null} for its own setting
 * @param uid precondition on the object's uid, or {@code null}
 * @param resourceVersion precondition on the object's resourceVersion, or {@code null}
 * @param dryRun answer as if deleted, change nothing
 */
public record DeleteOptions(
    String propagationPolicy,
    Long gracePeriodSeconds,
    String uid,
    String resourceVersion,
    boolean dryRun) {

  public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null, false);

  /** Deletes at once, skipping graceful termination. */
  public static DeleteOptions now() {
    return new DeleteOptions(null, 0L, null, null, false);
  }
}
