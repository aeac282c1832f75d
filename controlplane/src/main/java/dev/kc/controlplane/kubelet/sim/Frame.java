package dev.kc.controlplane.kubelet.sim;

/**
 * One activation on a {@link Task}'s stack: a command being run, a loop between iterations, a
 * program waiting on time. Frames keep their own progress so that the task can stop after any step
 * (to sleep, or to let other tasks run) and carry on later; this is what lets {@code sleep 30}
 * suspend a script without holding a thread.
 *
 * <p>Protocol: {@link #step} does a bounded amount of work and then either pushes a child frame,
 * pops itself with {@link Task#ret(int)}, blocks the task with {@link Task#block}, or starts an
 * unwind ({@code exit}, {@code return}, {@code break}). A frame that pushed a child finds the
 * child's status in {@link Task#status} when it is stepped again. A frame must re-check its
 * condition whenever it is stepped: being stepped does not mean that what it waited for happened (a
 * trap may have run in between).
 */
abstract class Frame {
  /** Whether {@code set -e} is ignored here (conditions, {@code !}, non-final {@code &&}). */
  boolean ignoreErrexit;

  abstract void step(Task t);

  /** Called once when the frame is popped, normally or by an unwind; undoes redirections. */
  void leave(Task t) {}

  /**
   * Offers an unwind passing through this frame.
   *
   * @return {@code u} (or a changed unwind) to be popped and let it continue; {@link
   *     Unwind#STOP_POP} to be popped and stop it; null to stay on the stack and stop it
   */
  Unwind handle(Task t, Unwind u) {
    return u;
  }

  /** A non-local exit travelling down the stack. */
  record Unwind(Kind kind, int n) {
    enum Kind {
      EXIT,
      RETURN,
      BREAK,
      CONTINUE,
      STOP
    }

    static final Unwind STOP_POP = new Unwind(Kind.STOP, 0);

    static Unwind exit(int code) {
      return new Unwind(Kind.EXIT, code);
    }
  }
}
