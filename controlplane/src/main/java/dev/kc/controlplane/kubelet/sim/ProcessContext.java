package dev.kc.controlplane.kubelet.sim;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a simulated process can see and use: the container's file system, its environment, its host
 * name, name resolution and where its output goes.
 *
 * @param fs the container's file system, shared by every process of the container
 * @param env the environment the process starts with (exported variables); copied at start
 * @param hostname what {@code hostname} prints, normally the pod name
 * @param resolver DNS: a host name to its IP addresses, empty for NXDOMAIN. {@code null} means
 *     nothing resolves. Used by {@code nslookup}, {@code getent hosts} and {@code ping}
 * @param stdout where standard output goes
 * @param stderr where standard error goes
 * @param programs extra programs (and access to other processes) the kubelet provides; may be
 *     {@code null}
 */
public record ProcessContext(
    InMemoryFs fs,
    Map<String, String> env,
    String hostname,
    Function<String, List<String>> resolver,
    OutputSink stdout,
    OutputSink stderr,
    Programs programs) {

  /** Checks the required parts; a {@code null} resolver becomes one that resolves nothing. */
  public ProcessContext {
    Objects.requireNonNull(fs, "fs");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    if (resolver == null) {
      resolver = name -> List.of();
    }
  }
}
