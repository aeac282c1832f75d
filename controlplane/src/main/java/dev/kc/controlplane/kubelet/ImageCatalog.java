package dev.kc.controlplane.kubelet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The public images kc knows how to "pull": enough of the images the Kubernetes docs and common
 * manifests use. Each entry says how a container of the image behaves when its pod gives no
 * command: a long-running server (with the ports it answers on) or a command that ends.
 */
public final class ImageCatalog {
  /**
   * How an image behaves.
   *
   * @param ports ports a server image answers HTTP and TCP probes on
   * @param defaultCommand the command run when the pod gives none; empty means "serve forever"
   * @param sizeBytes the reported image size
   * @param idleCpuMillis simulated idle CPU use, in millicores
   * @param idleMemoryBytes simulated idle memory use
   * @param healthyFor for the docs' liveness image: HTTP probes fail after this long; null = never
   */
  public record Image(
      List<Integer> ports,
      List<String> defaultCommand,
      long sizeBytes,
      int idleCpuMillis,
      long idleMemoryBytes,
      Duration healthyFor) {
    static Image server(long size, int... ports) {
      return new Image(toList(ports), List.of(), size, 1, 8L << 20, null);
    }

    static Image command(long size, String... argv) {
      return new Image(List.of(), List.of(argv), size, 0, 1L << 20, null);
    }

    private static List<Integer> toList(int[] ports) {
      return java.util.Arrays.stream(ports).boxed().toList();
    }

    public boolean isServer() {
      return defaultCommand.isEmpty();
    }
  }

  /** Known repositories (short form), any tag. */
  private static final Map<String, Image> BY_REPOSITORY =
      Map.ofEntries(
          Map.entry("nginx", Image.server(67_000_000, 80)),
          Map.entry("httpd", Image.server(58_000_000, 80)),
          Map.entry("caddy", Image.server(40_000_000, 80, 443)),
          Map.entry("traefik", Image.server(45_000_000, 80, 8080)),
          Map.entry("redis", Image.server(45_000_000, 6379)),
          Map.entry("memcached", Image.server(30_000_000, 11211)),
          Map.entry("mysql", Image.server(170_000_000, 3306)),
          Map.entry("mariadb", Image.server(120_000_000, 3306)),
          Map.entry("postgres", Image.server(150_000_000, 5432)),
          Map.entry("mongo", Image.server(250_000_000, 27017)),
          Map.entry("rabbitmq", Image.server(90_000_000, 5672, 15672)),
          Map.entry("wordpress", Image.server(240_000_000, 80)),
          Map.entry("php", Image.server(180_000_000, 80)),
          Map.entry("tomcat", Image.server(150_000_000, 8080)),
          Map.entry("registry", Image.server(10_000_000, 5000)),
          Map.entry("busybox", Image.command(2_200_000, "sh")),
          Map.entry("alpine", Image.command(3_400_000, "/bin/sh")),
          Map.entry("ubuntu", Image.command(29_000_000, "bash")),
          Map.entry("debian", Image.command(49_000_000, "bash")),
          Map.entry("centos", Image.command(70_000_000, "/bin/bash")),
          Map.entry("fedora", Image.command(60_000_000, "/bin/bash")),
          Map.entry("python", Image.command(50_000_000, "python3")),
          Map.entry("node", Image.command(60_000_000, "node")),
          Map.entry("golang", Image.command(250_000_000, "bash")),
          Map.entry("openjdk", Image.command(200_000_000, "jshell")),
          Map.entry("curlimages/curl", Image.command(5_000_000, "curl")),
          Map.entry("registry.k8s.io/pause", Image.server(300_000)),
          Map.entry("k8s.gcr.io/pause", Image.server(300_000)),
          Map.entry("registry.k8s.io/busybox", Image.command(1_100_000, "sh")),
          Map.entry("k8s.gcr.io/busybox", Image.command(1_100_000, "sh")),
          Map.entry("gcr.io/google-containers/busybox", Image.command(1_100_000, "sh")),
          Map.entry("registry.k8s.io/e2e-test-images/agnhost", Image.server(50_000_000, 8080)),
          Map.entry("registry.k8s.io/hpa-example", Image.server(150_000_000, 80)),
          Map.entry("k8s.gcr.io/hpa-example", Image.server(150_000_000, 80)),
          Map.entry("registry.k8s.io/nginx-slim", Image.server(40_000_000, 80)),
          Map.entry("registry.k8s.io/nginx", Image.server(40_000_000, 80)),
          Map.entry("k8s.gcr.io/nginx", Image.server(40_000_000, 80)),
          Map.entry("gcr.io/google-containers/nginx", Image.server(40_000_000, 80)),
          Map.entry("k8s.gcr.io/nginx-slim", Image.server(40_000_000, 80)),
          Map.entry("registry.k8s.io/goproxy", Image.server(2_000_000, 8080)),
          Map.entry("quay.io/fluentd_elasticsearch/fluentd", Image.server(140_000_000)),
          Map.entry("k8s.gcr.io/fluentd-elasticsearch", Image.server(140_000_000)),
          Map.entry("registry.k8s.io/fluentd-elasticsearch", Image.server(140_000_000)),
          Map.entry(
              "gcr.io/google-samples/cassandra", Image.server(150_000_000, 7000, 7001, 7199, 9042)),
          Map.entry("gcr.io/google-samples/xtrabackup", Image.command(90_000_000, "bash")),
          Map.entry("gcr.io/google-samples/gb-frontend", Image.server(130_000_000, 80)),
          Map.entry("gcr.io/google_samples/gb-redisslave", Image.server(40_000_000, 6379)),
          Map.entry("gcr.io/google_samples/gb-redis-follower", Image.server(40_000_000, 6379)),
          Map.entry("gcr.io/google-samples/gb-redis-follower", Image.server(40_000_000, 6379)),
          Map.entry("registry.k8s.io/redis", Image.server(40_000_000, 6379)),
          Map.entry("k8s.gcr.io/redis", Image.server(40_000_000, 6379)),
          Map.entry(
              "registry.k8s.io/ingress-nginx/controller",
              Image.server(110_000_000, 80, 443, 8443, 10254)),
          Map.entry(
              "registry.k8s.io/ingress-nginx/kube-webhook-certgen",
              Image.command(20_000_000, "/kube-webhook-certgen")));

  /**
   * The docs' HTTP liveness example ({@code agnhost liveness}, formerly the {@code liveness}
   * image): healthy for ten seconds, then HTTP 500.
   */
  private static final Image LIVENESS =
      new Image(List.of(8080), List.of(), 5_000_000, 1, 4L << 20, Duration.ofSeconds(10));

  private ImageCatalog() {}

  /**
   * What a catalog image does when run with {@code args}, or {@code null} when the image is not in
   * the catalog.
   */
  public static Image lookup(ImageRef ref, List<String> args) {
    String repo = ref.shortRepository();
    if (repo.equals("registry.k8s.io/liveness") || repo.equals("k8s.gcr.io/liveness")) {
      return LIVENESS;
    }
    if (repo.endsWith("/agnhost") && !args.isEmpty() && args.get(0).equals("liveness")) {
      return LIVENESS;
    }
    return BY_REPOSITORY.get(repo);
  }
}
