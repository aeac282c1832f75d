package dev.kc.store;

/**
 * Produces the bytes to store once the revision of the write is known, so that a value can embed
 * its own revision (its {@code resourceVersion}). Called on the store's writer thread, exactly once
 * per successful write; it must be fast and must not call back into the store.
 */
@FunctionalInterface
public interface Encoder {
  byte[] encode(long revision);

  /** An encoder that stores {@code bytes} as they are. */
  static Encoder of(byte[] bytes) {
    return revision -> bytes;
  }
}
