package dev.kc.controlplane.kubelet.sim;

/**
 * A utility that can work on standard input line by line as it arrives through a pipe, so that
 * {@code while true; do date; sleep 1; done | tee /log} or {@code tail -f log | grep -q ready} make
 * progress although the writer never finishes. Other programs get their piped input only once the
 * writer is done.
 */
interface LineFilter {
  /**
   * A filter for this run, or null if this run does not read standard input line by line (it has
   * file operands, or options that need the whole input such as {@code grep -c}); it then runs as a
   * whole program once its input is complete.
   */
  Filter open(Invocation inv);

  /** One streaming run. */
  interface Filter {
    /**
     * Takes one line with its newline (the last line of the input may lack it).
     *
     * @return false when the filter wants no more input ({@code head -n}, {@code grep -q})
     */
    boolean accept(String line);

    /** The exit code, at end of input or after {@link #accept} said false. */
    int finish();
  }

  /** A program that runs whole, and can also stream. */
  record Streaming(Program whole, LineFilter lines) implements Program {
    @Override
    public Execution start(Invocation invocation) {
      return whole.start(invocation);
    }
  }
}
