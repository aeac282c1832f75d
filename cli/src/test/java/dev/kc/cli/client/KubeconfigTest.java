package dev.kc.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.CliException;
import dev.kc.cli.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {

  @TempDir Path dir;

  private static final Kubeconfig.Overrides NONE =
      new Kubeconfig.Overrides(null, null, null, null, null, false);

  private Path write(String name, String cluster, String server, String ns, String current)
      throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(
        p,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: "
            + cluster
            + "\n"
            + "  cluster:\n    server: "
            + server
            + "\n    insecure-skip-tls-verify: true\n"
            + "contexts:\n- name: "
            + cluster
            + "\n  context:\n    cluster: "
            + cluster
            + "\n"
            + "    user: "
            + cluster
            + "\n"
            + (ns == null ? "" : "    namespace: " + ns + "\n")
            + (current == null ? "" : "current-context: " + current + "\n")
            + "users:\n- name: "
            + cluster
            + "\n  user:\n    token: tok-"
            + cluster
            + "\n");
    return p;
  }

  @Test
  void kubeconfigEnvMergesFilesWithTheFirstDefinitionWinning() throws Exception {
    Path a = write("a", "one", "https://a:1", "ns-a", null);
    Path b = write("b", "one", "https://b:2", null, "one");

    ClusterConfig cfg =
        Kubeconfig.resolve(NONE, a + ":" + dir.resolve("missing") + ":" + b, dir.resolve("kc"));

    assertEquals("https://a:1", cfg.server());
    assertEquals("ns-a", cfg.namespace());
    assertEquals("tok-one", cfg.token());
    assertTrue(cfg.insecure());
    assertFalse(cfg.kcOwned());
  }

  @Test
  void flagsOverrideContextNamespaceAndServer() throws Exception {
    Path a = write("a", "one", "https://a:1", "ns-a", "one");

    ClusterConfig cfg =
        Kubeconfig.resolve(
            new Kubeconfig.Overrides(a.toString(), null, "flag-ns", "https://other:9", "t2", false),
            null,
            dir.resolve("kc"));

    assertEquals("https://other:9", cfg.server());
    assertEquals("flag-ns", cfg.namespace());
    assertEquals("t2", cfg.token());
  }

  @Test
  void kcsOwnKubeconfigIsTheDefaultAndMarkedAsKcOwned() throws Exception {
    Path own = write("kubeconfig", "kc", "https://127.0.0.1:6443", null, "kc");

    ClusterConfig cfg = Kubeconfig.resolve(NONE, null, own);

    assertTrue(cfg.kcOwned());
    assertEquals("default", cfg.namespace());
    assertEquals("127.0.0.1:6443", cfg.hostPort());
  }

  @Test
  void withoutAnyConfigTheServerIsKubectlsFallback() {
    ClusterConfig cfg = Kubeconfig.resolve(NONE, null, dir.resolve("none"));

    assertEquals("http://localhost:8080", cfg.server());
  }

  @Test
  void unknownContextAndMissingFileAreErrors() throws Exception {
    Path a = write("a", "one", "https://a:1", null, "one");

    CliException ctx =
        assertThrows(
            CliException.class,
            () ->
                Kubeconfig.resolve(
                    new Kubeconfig.Overrides(a.toString(), "nope", null, null, null, false),
                    null,
                    a));
    CliException file =
        assertThrows(
            CliException.class,
            () ->
                Kubeconfig.resolve(
                    new Kubeconfig.Overrides("/no/file", null, null, null, null, false), null, a));

    assertEquals(
        "Error in configuration: context was not found for specified context: nope",
        ctx.getMessage());
    assertEquals("error: stat /no/file: no such file or directory", file.getMessage());
  }

  @Test
  void readsInlineAndFileBasedCertificateData() throws Exception {
    Files.writeString(dir.resolve("ca.crt"), "CA-PEM");
    String key = Base64.getEncoder().encodeToString("KEY-PEM".getBytes());
    Path p = dir.resolve("cfg");
    Files.writeString(
        p,
        "clusters:\n"
            + "- name: c\n"
            + "  cluster:\n"
            + "    server: https://h:1\n"
            + "    certificate-authority: ca.crt\n"
            + "contexts:\n"
            + "- name: c\n"
            + "  context:\n"
            + "    cluster: c\n"
            + "    user: u\n"
            + "current-context: c\n"
            + "users:\n"
            + "- name: u\n"
            + "  user:\n"
            + "    client-key-data: "
            + key
            + "\n");

    ClusterConfig cfg = Kubeconfig.resolve(NONE, p.toString(), dir.resolve("kc"));

    assertEquals("CA-PEM", cfg.caPem());
    assertEquals("KEY-PEM", cfg.clientKeyPem());
    assertNull(cfg.token());
  }

  @Test
  void cachesTheParsedOwnKubeconfigAndNoticesChanges() throws Exception {
    Path own = write("kubeconfig", "kc", "https://127.0.0.1:6443", null, "kc");
    Path cache = dir.resolve("cache").resolve("kubeconfig.json");

    Kubeconfig.resolve(NONE, null, own, cache);
    String cached = Files.readString(cache);
    Files.writeString(own, Files.readString(own).replace("6443", "7443"));
    ClusterConfig changed = Kubeconfig.resolve(NONE, null, own, cache);

    assertEquals(
        "https://127.0.0.1:6443",
        Json.str(Json.arr(Json.parse(cached), "doc", "clusters").get(0), "cluster", "server"));
    assertEquals("https://127.0.0.1:7443", changed.server());
  }
}
