package dev.kc.controlplane.kubelet.sim;

import java.util.Map;
import java.util.Optional;

/**
 * What the kubelet adds to the simulated shell: programs the image provides ({@code nginx}, {@code
 * wget}, {@code mysqladmin}...) and a way to reach the container's other processes.
 *
 * <p>Lookup order in the shell: shell builtins ({@code cd}, {@code export}, {@code kill}...), then
 * shell functions, then these programs, then the built-in utilities ({@code cat}, {@code ls}...).
 * So a program here overrides a built-in utility of the same name.
 */
public interface Programs {
  /**
   * The program named {@code name}: the command as typed, or the last component of a path ({@code
   * /usr/sbin/nginx} is looked up as {@code nginx}).
   *
   * @return the program, or empty if the kubelet does not provide it
   */
  Optional<Program> find(String name);

  /**
   * Delivers {@code signal} to a process outside the calling one, e.g. {@code kill -TERM 1} from a
   * preStop hook to the container's main process. Signal 0 only checks that it exists.
   *
   * @return whether a process with that pid exists; the default knows none
   */
  default boolean kill(int pid, int signal) {
    return false;
  }

  /** Programs from a fixed map of name to program, with no other processes. */
  static Programs of(Map<String, Program> programs) {
    Map<String, Program> copy = Map.copyOf(programs);
    return name -> Optional.ofNullable(copy.get(name));
  }
}
