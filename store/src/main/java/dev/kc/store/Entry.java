package dev.kc.store;

import java.util.function.Function;

/**
 * One version of one object: its key, the revision that wrote it, and its encoded value.
 *
 * <p>Entries are immutable. The value bytes must not be modified by callers. An entry can memoize
 * one decoded form of its value (see {@link #decoded}), so that many readers of the same version
 * (lists, watchers, controllers) decode it once; the decoded form must be treated as read-only.
 */
public final class Entry {
  private final Key key;
  private final long revision;
  private final byte[] value;
  private volatile Object decoded;

  public Entry(Key key, long revision, byte[] value) {
    this.key = key;
    this.revision = revision;
    this.value = value;
  }

  public Key key() {
    return key;
  }

  /** The revision that wrote this version; it is the object's {@code resourceVersion}. */
  public long revision() {
    return revision;
  }

  /** The encoded value. Callers must not modify the array. */
  public byte[] value() {
    return value;
  }

  /**
   * Returns the decoded form of the value, decoding it with {@code decoder} on first use. Callers
   * must always pass the same decoder for the same entry and must not modify the result.
   */
  @SuppressWarnings("unchecked")
  public <T> T decoded(Function<byte[], T> decoder) {
    Object d = decoded;
    if (d == null) {
      d = decoder.apply(value);
      decoded = d;
    }
    return (T) d;
  }

  @Override
  public String toString() {
    return key + "@" + revision;
  }
}
