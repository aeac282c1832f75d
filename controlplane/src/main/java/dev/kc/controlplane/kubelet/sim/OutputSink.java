package dev.kc.controlplane.kubelet.sim;

/**
 * Where a process's standard output or error goes, e.g. the container log behind {@code kc logs},
 * or a buffer for {@code kc exec}. Called on the thread that drives the process.
 */
@FunctionalInterface
public interface OutputSink {
  /** A sink that drops everything. */
  OutputSink DISCARD = data -> {};

  /**
   * Takes {@code data}, written by the process in one go (a line of {@code echo}, a file of {@code
   * cat}). The sink may keep the array; the process does not reuse it.
   */
  void write(byte[] data);
}
