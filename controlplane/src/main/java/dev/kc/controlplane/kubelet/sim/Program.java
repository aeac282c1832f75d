package dev.kc.controlplane.kubelet.sim;

import java.util.function.ToIntFunction;

/**
 * A program the shell can run by name: one of the built-in utilities ({@code cat}, {@code
 * sleep}...) or one the kubelet provides through {@link Programs}.
 */
@FunctionalInterface
public interface Program {
  /**
   * Starts one run of the program. Must not block or read the wall clock; anything that takes time
   * is expressed by the returned {@link Execution} answering {@link SimProcess.Step.Sleep}.
   *
   * @param invocation the arguments, environment, standard streams and file system
   * @return the run, stepped by the shell until it answers {@link SimProcess.Step.Exit}
   */
  Execution start(Invocation invocation);

  /**
   * A program that does all its work at once, when first stepped.
   *
   * @param body does the work and returns the exit code
   */
  static Program of(ToIntFunction<Invocation> body) {
    return invocation -> now -> new SimProcess.Step.Exit(body.applyAsInt(invocation));
  }
}
