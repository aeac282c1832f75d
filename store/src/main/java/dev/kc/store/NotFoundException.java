package dev.kc.store;

/** An update or delete found no object with the key. */
public class NotFoundException extends StoreException {
  private final Key key;

  public NotFoundException(Key key) {
    super(key + " not found");
    this.key = key;
  }

  public Key key() {
    return key;
  }
}
