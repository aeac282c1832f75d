package dev.kc.store;

/**
 * A change seen by a watcher.
 *
 * @param type what happened
 * @param entry the object after the change; for {@link Type#DELETED} the last value, stamped with
 *     the deletion's revision
 * @param previous the version before the change, or {@code null} when it was created or when the
 *     previous version is no longer retained
 */
public record WatchEvent(Type type, Entry entry, Entry previous) {

  /** The kinds of change, numbered as they are persisted in the change log. */
  public enum Type {
    ADDED,
    MODIFIED,
    DELETED
  }

  public long revision() {
    return entry.revision();
  }
}
