package dev.kc.store;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * A versioned object store with etcd-style semantics.
 *
 * <p>Every successful write takes the next value of one global, strictly increasing revision, and
 * that revision becomes the written object's {@code resourceVersion}. Reads see committed writes
 * only. Watchers receive every change after a given revision, in revision order.
 *
 * <p>All methods are safe to call from any thread. Writes are serialized by the store; a write
 * returns only once it is durable against a crash of the process.
 */
public interface Store extends AutoCloseable {

  /**
   * Creates an object.
   *
   * @return the stored entry
   * @throws AlreadyExistsException if an object with the key exists
   */
  Entry create(Key key, Encoder value);

  /** Returns the latest version of an object, or empty when there is none. */
  Optional<Entry> get(Key key);

  /**
   * Lists the objects of one resource, in key order.
   *
   * @param namespace the namespace to list, or {@code null} for every namespace
   * @param filter which entries to return; {@code null} returns all
   */
  ListResult list(String resource, String namespace, Predicate<Entry> filter);

  /**
   * Replaces an object's value.
   *
   * @param expectedRevision the revision the caller read, or 0 to update unconditionally
   * @return the stored entry
   * @throws NotFoundException if there is no object with the key
   * @throws ConflictException if {@code expectedRevision} is not the object's latest revision
   */
  Entry update(Key key, long expectedRevision, Encoder value);

  /**
   * Deletes an object.
   *
   * @param expectedRevision the revision the caller read, or 0 to delete unconditionally
   * @param tombstone encodes the object's last value as watchers will see it; {@code null} keeps
   *     the stored bytes
   * @return the deleted object's last value, stamped with the revision of the deletion
   * @throws NotFoundException if there is no object with the key
   * @throws ConflictException if {@code expectedRevision} is not the object's latest revision
   */
  Entry delete(Key key, long expectedRevision, Encoder tombstone);

  /**
   * Watches one resource for changes after {@code fromRevision}.
   *
   * <p>Events come in revision order: first the retained history after {@code fromRevision}, then
   * live changes. With a filter, an object that starts matching is reported as added and one that
   * stops matching as deleted, as Kubernetes does for selector watches.
   *
   * @param namespace the namespace to watch, or {@code null} for every namespace
   * @param fromRevision the last revision the caller has seen; history after it is replayed
   * @param filter which entries the watcher cares about; {@code null} for all
   * @throws ExpiredException if history after {@code fromRevision} is no longer retained
   */
  Watch watch(String resource, String namespace, long fromRevision, Predicate<Entry> filter);

  /** The revision of the latest committed write (0 for an empty store). */
  long currentRevision();

  /** The oldest revision a watch may start from; older revisions have been compacted away. */
  long compactedRevision();

  /** Closes the store; pending writes fail and watches end. */
  @Override
  void close();
}
