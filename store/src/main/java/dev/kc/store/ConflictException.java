package dev.kc.store;

/** An update or delete was made against a revision that is no longer the object's latest. */
public class ConflictException extends StoreException {
  private final Key key;
  private final long expected;
  private final long actual;

  public ConflictException(Key key, long expected, long actual) {
    super(key + " is at revision " + actual + ", not " + expected);
    this.key = key;
    this.expected = expected;
    this.actual = actual;
  }

  public Key key() {
    return key;
  }

  public long expected() {
    return expected;
  }

  public long actual() {
    return actual;
  }
}
