package dev.kc.store;

/** A watch asked for history older than the store still retains. The client must list again. */
public class ExpiredException extends StoreException {
  private final long requested;
  private final long oldestRetained;

  public ExpiredException(long requested, long oldestRetained) {
    super(
        "revision " + requested + " has been compacted; the oldest retained is " + oldestRetained);
    this.requested = requested;
    this.oldestRetained = oldestRetained;
  }

  public long requested() {
    return requested;
  }

  public long oldestRetained() {
    return oldestRetained;
  }
}
