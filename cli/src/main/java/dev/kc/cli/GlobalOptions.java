package dev.kc.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * kubectl's global flags. Declared once on the root command with {@code scope = INHERIT}, so they
 * are accepted before or after the verb ({@code kc -n x get pods} and {@code kc get pods -n x});
 * the values always land in this one object.
 */
public final class GlobalOptions {

  @Option(
      names = "--kubeconfig",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Path to the kubeconfig file to use.")
  String kubeconfig;

  @Option(
      names = "--context",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "The name of the kubeconfig context to use.")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      scope = ScopeType.INHERIT,
      paramLabel = "NS",
      description = "If present, the namespace scope for this CLI request.")
  String namespace;

  @Option(
      names = {"-s", "--server"},
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      description = "The address and port of the Kubernetes API server.")
  String server;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN",
      description = "Bearer token for authentication to the API server.")
  String token;

  @Option(
      names = "--insecure-skip-tls-verify",
      scope = ScopeType.INHERIT,
      arity = "0..1",
      fallbackValue = "true",
      description = "If true, the server's certificate will not be checked for validity.")
  boolean insecureSkipTlsVerify;

  @Option(
      names = {"-v", "--v"},
      scope = ScopeType.INHERIT,
      paramLabel = "LEVEL",
      description = "Number for the log level verbosity (6+ logs requests).")
  int verbosity;
}
