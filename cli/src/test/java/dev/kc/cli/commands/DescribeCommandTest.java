package dev.kc.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.json.Json;
import dev.kc.cli.testing.FakeApiServer;
import dev.kc.cli.testing.Kc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kc describe} against the fake server. */
class DescribeCommandTest {

  @TempDir Path dir;
  private FakeApiServer server;
  private Kc kc;
  private String uid;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.http();
    kc = Kc.against(server, dir);
    Map<String, Object> cm = FakeApiServer.object("v1", "ConfigMap", "settings", "app", "web");
    cm.put("data", Map.of("mode", "fast"));
    uid = Json.str(server.put(cm, Duration.ofMinutes(3)), "metadata", "uid");
    server.put(FakeApiServer.object("v1", "ConfigMap", "settings-extra"), Duration.ZERO);
    Map<String, Object> ev = FakeApiServer.object("v1", "Event", "settings.1");
    ev.put(
        "involvedObject",
        Map.of("kind", "ConfigMap", "name", "settings", "namespace", "default", "uid", uid));
    ev.put("type", "Normal");
    ev.put("reason", "Synced");
    ev.put("message", "all good");
    ev.put("source", Map.of("component", "syncer"));
    ev.put("count", 1L);
    ev.put("firstTimestamp", server.now.minus(Duration.ofSeconds(30)).toString());
    ev.put("lastTimestamp", server.now.minus(Duration.ofSeconds(30)).toString());
    server.put(ev, Duration.ZERO);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void describesTheObjectAndItsEvents() {
    Kc.Result r = kc.run("describe", "configmap", "settings");

    assertEquals(0, r.code(), r.err());
    assertEquals(
        "Name:         settings\n"
            + "Namespace:    default\n"
            + "Labels:       app=web\n"
            + "Annotations:  <none>\n"
            + "API Version:  v1\n"
            + "Data:\n"
            + "  Mode:  fast\n"
            + "Kind:    ConfigMap\n"
            + "Metadata:\n"
            + "  Creation Timestamp:  2026-01-01T11:57:00Z\n"
            + "  Resource Version:    101\n"
            + "  UID:                 "
            + uid
            + "\n"
            + "Events:\n"
            + "  Type    Reason  Age   From    Message\n"
            + "  ----    ------  ----  ----    -------\n"
            + "  Normal  Synced  30s   syncer  all good\n",
        r.out());
    String events = server.apiRequests().get(1).uri();
    assertEquals(
        "/api/v1/namespaces/default/events?fieldSelector=involvedObject.uid%3D"
            + uid
            + "%2CinvolvedObject.name%3Dsettings%2CinvolvedObject.namespace%3Ddefault"
            + "%2CinvolvedObject.kind%3DConfigMap&limit=500",
        events);
  }

  @Test
  void aNamePrefixDescribesEveryMatch() {
    Kc.Result r = kc.run("describe", "cm", "sett", "--show-events=false");

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Name:         settings\n"), r.out());
    assertTrue(r.out().contains("\n\nName:         settings-extra\n"), r.out());
    assertTrue(r.out().endsWith("\n\n"), "each prefix match ends with a blank line");
    assertTrue(!r.out().contains("Events:"), r.out());
  }

  @Test
  void severalObjectsAreSeparatedByTwoBlankLines() {
    Kc.Result r = kc.run("describe", "cm", "--show-events=false");

    assertTrue(r.out().contains("\n\n\nName:         settings-extra\n"), r.out());
  }

  @Test
  void eventsThatCannotBeListedAreLeftOut() {
    server.failNext("GET", "/api/v1/namespaces/default/events", 403);

    Kc.Result r = kc.run("describe", "cm", "settings");

    assertEquals(0, r.code(), r.err());
    assertTrue(!r.out().contains("Events:"), r.out());
  }

  @Test
  void notFoundWithoutPrefixMatchesIsAnError() {
    Kc.Result r = kc.run("describe", "cm", "zzz");

    assertEquals(1, r.code());
    assertEquals("Error from server (NotFound): configmaps \"zzz\" not found\n", r.err());
  }

  @Test
  void nothingToDescribeSaysSo() {
    Kc.Result r = kc.run("describe", "deploy");

    assertEquals(0, r.code());
    assertEquals("No resources found in default namespace.\n", r.err());
  }
}
