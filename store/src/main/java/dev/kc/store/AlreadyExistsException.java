package dev.kc.store;

/** A create found an object with the same key. */
public class AlreadyExistsException extends StoreException {
  private final Key key;

  public AlreadyExistsException(Key key) {
    super(key + " already exists");
    this.key = key;
  }

  public Key key() {
    return key;
  }
}
