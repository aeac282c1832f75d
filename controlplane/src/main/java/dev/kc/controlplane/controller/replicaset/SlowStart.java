package dev.kc.controlplane.controller.replicaset;

/**
 * Kubernetes' slow-start batching: calls an action {@code count} times in batches of 1, 2, 4, 8…
 * (each batch twice the last, capped by what remains), and stops after the first batch in which any
 * call failed, so a controller that cannot create pods (a quota, a bad template) fails after one
 * call instead of hundreds. Calls of one batch are made in order; all calls of the failing batch
 * are still made.
 */
final class SlowStart {
  /** One call of the batched action. */
  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  /**
   * The outcome.
   *
   * @param successes calls that succeeded
   * @param error the first failure, or {@code null}
   */
  record Result(int successes, Exception error) {}

  private SlowStart() {}

  /** Runs {@code action} up to {@code count} times, starting with batches of {@code initial}. */
  static Result run(int count, int initial, Action action) {
    int remaining = count;
    int successes = 0;
    for (int batch = Math.min(remaining, initial);
        batch > 0;
        batch = Math.min(2 * batch, remaining)) {
      Exception first = null;
      for (int i = 0; i < batch; i++) {
        try {
          action.run();
          successes++;
        } catch (Exception e) {
          if (first == null) {
            first = e;
          }
        }
      }
      if (first != null) {
        return new Result(successes, first);
      }
      remaining -= batch;
    }
    return new Result(successes, null);
  }
}
