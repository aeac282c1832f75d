package dev.kc.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.CliException;
import dev.kc.cli.testing.FakeApiServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscoveryTest {

  @TempDir Path dir;
  private FakeApiServer server;
  private RestClient client;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.http();
    client =
        new RestClient(
            new ClusterConfig(server.url(), null, false, null, null, null, "default", false),
            "test",
            RestClient.SILENT,
            0);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private Discovery discovery() {
    return new Discovery(client, dir.resolve("cache.json"), null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "deployments, apps, deployments",
    "deployment, apps, deployments",
    "deploy, apps, deployments",
    "Deployment, apps, deployments",
    "DEPLOYMENTS, apps, deployments",
    "deployments.apps, apps, deployments",
    "deployment.v1.apps, apps, deployments",
    "po, '', pods",
    "rs, apps, replicasets",
    "hpa, autoscaling, horizontalpodautoscalers",
    "events, '', events",
    "events.events.k8s.io, events.k8s.io, events"
  })
  void resolvesWhatUsersTypeLikeKubectl(String typed, String group, String resource) {
    ResourceType t = discovery().resolve(typed);

    assertEquals(group, t.group());
    assertEquals(resource, t.resource());
  }

  @Test
  void prefersTheFirstListedVersionOfAGroup() {
    assertEquals("v2", discovery().resolve("hpa").version());
    assertEquals("v1", discovery().resolve("horizontalpodautoscalers.v1.autoscaling").version());
  }

  @Test
  void allExpandsToTheAllCategoryOnceEach() {
    List<ResourceType> all = discovery().resolveList("all");

    assertEquals(
        List.of("pods", "services", "deployments", "replicasets", "horizontalpodautoscalers"),
        all.stream().map(ResourceType::resource).toList());
  }

  @Test
  void unknownTypeRefreshesOnceThenFails() {
    Discovery d = discovery();
    d.resolve("pods");
    int before = server.requests().size();

    CliException e = assertThrows(CliException.class, () -> d.resolve("foo"));

    assertEquals("error: the server doesn't have a resource type \"foo\"", e.getMessage());
    assertEquals(before, server.requests().size(), "fetched in this run: no second fetch");
  }

  @Test
  void aFreshCacheAvoidsRequestsAndAnUnknownNameRefetches() {
    discovery().resolve("pods");
    int afterFirst = server.requests().size();

    discovery().resolve("deploy");
    int afterCached = server.requests().size();
    server.addResource(
        new FakeApiServer.Resource(
            "example.com", "v1", "widgets", "widget", "Widget", true, List.of("wd"), List.of()));
    ResourceType w = discovery().resolve("wd");

    assertEquals(2, afterFirst);
    assertEquals(afterFirst, afterCached);
    assertEquals("widgets", w.resource());
    assertEquals(afterCached + 2, server.requests().size());
  }

  @Test
  void aCacheOlderThanTheDaemonIsIgnored() {
    discovery().resolve("pods");
    int before = server.requests().size();

    new Discovery(client, dir.resolve("cache.json"), Instant.now().plusSeconds(60)).resolve("pods");

    assertEquals(before + 2, server.requests().size());
  }

  @Test
  void sendsTheAggregatedDiscoveryAcceptHeader() {
    discovery().resolve("pods");

    assertEquals(
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
            + "application/json",
        server.requests().get(0).accept());
    assertEquals("/api?timeout=32s", server.requests().get(0).uri());
  }

  @Test
  void fallsBackToLegacyDiscovery() {
    server.useLegacyDiscovery();

    Discovery d = discovery();

    assertEquals("deployments", d.resolve("deploy").resource());
    assertTrue(d.resolve("po").namespaced());
    assertTrue(server.requests().stream().anyMatch(r -> r.path().equals("/apis/apps/v1")));
  }

  @Test
  void mapsManifestKindsToTypes() {
    Discovery d = discovery();

    assertEquals("deployments", d.forKind("apps/v1", "Deployment").resource());
    assertEquals(null, d.forKind("extensions/v1beta1", "Deployment"));
  }

  @Test
  void buildsPaths() {
    ResourceType deploy = discovery().resolve("deploy");
    ResourceType ns = discovery().resolve("ns");

    assertEquals("/apis/apps/v1/namespaces/a%20b/deployments/x", deploy.objectPath("a b", "x"));
    assertEquals("/apis/apps/v1/deployments", deploy.collectionPath(null));
    assertEquals("/api/v1/namespaces/x", ns.objectPath("ignored", "x"));
    assertEquals("deployment.apps", deploy.kindGroup());
    assertEquals("namespace", ns.kindGroup());
  }
}
