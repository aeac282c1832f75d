package dev.kc.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.apply.LastApplied;
import dev.kc.cli.json.Json;
import dev.kc.cli.testing.FakeApiServer;
import dev.kc.cli.testing.Kc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kc apply} and {@code kc create} against the fake server. */
class ApplyCommandTest {

  private static final String DEPLOY =
      "apiVersion: apps/v1\n"
          + "kind: Deployment\n"
          + "metadata:\n"
          + "  name: app-deployment\n"
          + "  labels:\n"
          + "    app: app\n"
          + "spec:\n"
          + "  replicas: 2\n"
          + "  selector:\n"
          + "    matchLabels:\n"
          + "      app: app\n"
          + "  template:\n"
          + "    metadata:\n"
          + "      labels:\n"
          + "        app: app\n"
          + "    spec:\n"
          + "      containers:\n"
          + "      - name: app\n"
          + "        image: app:1.0.0\n";

  @TempDir Path dir;
  private FakeApiServer server;
  private Kc kc;
  private Path deploy;

  @BeforeEach
  void start() throws Exception {
    server = FakeApiServer.http();
    kc = Kc.against(server, dir);
    deploy = dir.resolve("deploy.yaml");
    Files.writeString(deploy, DEPLOY);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private List<FakeApiServer.Request> writes() {
    return server.apiRequests().stream().filter(r -> !r.method().equals("GET")).toList();
  }

  @Test
  void createsAMissingObjectWithTheLastAppliedAnnotation() {
    Kc.Result r = kc.run("apply", "-f", deploy.toString());

    assertEquals(0, r.code(), r.err());
    assertEquals("deployment.apps/app-deployment created\n", r.out());
    FakeApiServer.Request post = writes().get(0);
    assertEquals("POST", post.method());
    assertEquals(
        "/apis/apps/v1/namespaces/default/deployments"
            + "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
        post.uri());
    Object body = Json.parse(post.body());
    assertEquals("default", Json.str(body, "metadata", "namespace"));
    String lastApplied = Json.str(body, "metadata", "annotations", LastApplied.ANNOTATION);
    assertTrue(
        lastApplied.startsWith(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"app\"},\"name\":"
                + "\"app-deployment\",\"namespace\":\"default\"}"),
        lastApplied);
    assertTrue(lastApplied.endsWith("}\n"), lastApplied);
  }

  @Test
  void applyingTheSameManifestAgainChangesNothing() {
    kc.run("apply", "-f", deploy.toString());
    int before = writes().size();

    Kc.Result r = kc.run("apply", "-f", deploy.toString());

    assertEquals("deployment.apps/app-deployment unchanged\n", r.out());
    assertEquals(before, writes().size(), "no PATCH for an unchanged object");
  }

  @Test
  void changedManifestIsPatchedWithAThreeWayStrategicMergePatch() throws Exception {
    kc.run("apply", "-f", deploy.toString());
    Files.writeString(
        deploy,
        DEPLOY
            .replace("replicas: 2", "replicas: 3")
            .replace("  labels:\n    app: app\n", "  labels:\n    app: app\n    tier: x\n"));

    Kc.Result r = kc.run("apply", "-f", deploy.toString());

    assertEquals("deployment.apps/app-deployment configured\n", r.out());
    FakeApiServer.Request patch = writes().get(writes().size() - 1);
    assertEquals("PATCH", patch.method());
    assertEquals("application/strategic-merge-patch+json", patch.contentType());
    assertEquals(
        "/apis/apps/v1/namespaces/default/deployments/app-deployment"
            + "?fieldManager=kubectl-client-side-apply&fieldValidation=Strict",
        patch.uri());
    Object body = Json.parse(patch.body());
    assertEquals(3L, Json.at(body, "spec", "replicas"));
    assertEquals("x", Json.str(body, "metadata", "labels", "tier"));
    assertNotNull(Json.str(body, "metadata", "annotations", LastApplied.ANNOTATION));
    assertEquals(
        3L, Json.at(server.get("deployments", "default", "app-deployment"), "spec", "replicas"));
  }

  @Test
  void fieldsRemovedFromTheManifestAreDeleted() throws Exception {
    kc.run("apply", "-f", deploy.toString());
    Files.writeString(deploy, DEPLOY.replace("  labels:\n    app: app\n", ""));

    kc.run("apply", "-f", deploy.toString());

    Object body = Json.parse(writes().get(writes().size() - 1).body());
    assertTrue(Json.obj(body, "metadata").containsKey("labels"));
    assertEquals(null, Json.at(body, "metadata", "labels"));
  }

  @Test
  void objectsWithoutTheAnnotationGetAWarningAndArePatched() {
    server.put(
        Json.obj(
            Json.parse(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                    + "\"metadata\":{\"name\":\"app-deployment\"}}")),
        Duration.ofMinutes(1));

    Kc.Result r = kc.run("apply", "-f", deploy.toString());

    assertEquals("deployment.apps/app-deployment configured\n", r.out());
    assertEquals(
        "Warning: resource deployments/app-deployment is missing the"
            + " kubectl.kubernetes.io/last-applied-configuration annotation which is required by"
            + " kc apply. kc apply should only be used on resources created declaratively by either"
            + " kc create --save-config or kc apply. The missing annotation will be patched"
            + " automatically.\n",
        r.err());
  }

  @Test
  void badDocumentsAreReportedAtTheEndAndTheOthersStillApplied() throws Exception {
    Path multi = dir.resolve("multi.yaml");
    Files.writeString(
        multi,
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\n"
            + "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\n---\n"
            + "kind: ConfigMap\nmetadata:\n  name: nokind\n---\n"
            + "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n"
            + "  metadata:\n    name: two\n    namespace: other\n");

    Kc.Result r = kc.run("apply", "-f", multi.toString());

    assertEquals(1, r.code());
    assertEquals("configmap/one created\nconfigmap/two created\n", r.out());
    assertEquals(
        "resource mapping not found for name: \"old\" namespace: \"\" from \""
            + multi
            + "\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"\n"
            + "ensure CRDs are installed first\n"
            + "resource mapping not found for name: \"nokind\" namespace: \"\" from \""
            + multi
            + "\": no matches for kind \"ConfigMap\" in version \"\"\n"
            + "ensure CRDs are installed first\n",
        r.err());
    assertNotNull(server.get("configmaps", "other", "two"));
  }

  @Test
  void aSingleFailureUsesTheErrorPrefix() throws Exception {
    Path f = dir.resolve("old.yaml");
    Files.writeString(
        f, "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n" + "  name: old\n");

    Kc.Result r = kc.run("apply", "-f", f.toString());

    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: resource mapping not found for name: \"old\""), r.err());
  }

  @Test
  void serverErrorsNameTheFileAndTheAttempt() {
    server.failNext("POST", "/apis/apps/v1", 403);

    Kc.Result r = kc.run("apply", "-f", deploy.toString());

    assertEquals(1, r.code());
    assertEquals(
        "Error from server (Forbidden): error when creating \"" + deploy + "\": injected failure\n",
        r.err());
  }

  @Test
  void patchErrorsShowThePatchAndTheObject() throws Exception {
    kc.run("apply", "-f", deploy.toString());
    Files.writeString(deploy, DEPLOY.replace("replicas: 2", "replicas: 3"));
    server.failNext("PATCH", "/apis/apps/v1", 422);

    Kc.Result r = kc.run("apply", "-f", deploy.toString());

    assertEquals(1, r.code());
    assertTrue(
        r.err().startsWith("Error from server (Invalid): error when applying patch:\n{"), r.err());
    assertTrue(
        r.err()
            .contains(
                "\nto:\nResource: \"apps/v1, Resource=deployments\","
                    + " GroupVersionKind: \"apps/v1, Kind=Deployment\"\nName: \"app-deployment\","
                    + " Namespace: \"default\"\nfor: \""
                    + deploy
                    + "\": error when patching \""
                    + deploy
                    + "\": injected failure\n"),
        r.err());
  }

  @Test
  void namespaceFlagWinsOverTheContextAndMustMatchTheManifest() throws Exception {
    Kc.Result ok = kc.run("apply", "-f", deploy.toString(), "-n", "prod");

    assertEquals(0, ok.code(), ok.err());
    assertNotNull(server.get("deployments", "prod", "app-deployment"));

    Files.writeString(
        deploy,
        DEPLOY.replace(
            "  name: app-deployment\n", "  name: app-deployment\n  namespace: staging\n"));
    Kc.Result bad = kc.run("apply", "-f", deploy.toString(), "-n", "prod");

    assertEquals(
        "error: the namespace from the provided object \"staging\" does not match the"
            + " namespace \"prod\". You must pass '--namespace=staging' to perform this"
            + " operation.\n",
        bad.err());
  }

  @Test
  void readsDirectoriesAndStdin() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(
        sub.resolve("a.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n" + "  name: from-dir\n");
    Files.writeString(sub.resolve("notes.txt"), "not a manifest");
    kc.stdin("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"piped\"}}");

    Kc.Result r = kc.run("apply", "-f", sub.toString(), "-f", "-");

    assertEquals("configmap/from-dir created\nconfigmap/piped created\n", r.out());
  }

  @Test
  void missingPathsAndMissingFlagsAreErrors() {
    assertEquals(
        "error: the path \"/no/such.yaml\" does not exist\n",
        kc.run("apply", "-f", "/no/such.yaml").err());
    assertEquals("error: must specify one of -f and -k\n", kc.run("apply").err());
  }

  @Test
  void yamlSyntaxErrorsNameTheFile() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "a: b\nc: [\n");

    Kc.Result r = kc.run("apply", "-f", bad.toString());

    assertEquals(1, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "error: error parsing " + bad + ": error converting YAML to JSON: yaml: line "),
        r.err());
  }

  @Test
  void createPostsAndReportsAlreadyExists() {
    Kc.Result first = kc.run("create", "-f", deploy.toString());
    Kc.Result second = kc.run("create", "-f", deploy.toString());

    assertEquals("deployment.apps/app-deployment created\n", first.out());
    assertEquals(
        "/apis/apps/v1/namespaces/default/deployments"
            + "?fieldManager=kubectl-create&fieldValidation=Strict",
        writes().get(0).uri());
    assertEquals(null, Json.obj(Json.parse(writes().get(0).body()), "metadata", "annotations"));
    assertEquals(1, second.code());
    assertEquals(
        "Error from server (AlreadyExists): error when creating \""
            + deploy
            + "\": deployments.apps \"app-deployment\" already exists\n",
        second.err());
  }

  @Test
  void createSaveConfigAddsTheAnnotationAndNameOutputIsShort() {
    Kc.Result r = kc.run("create", "-f", deploy.toString(), "--save-config", "-o", "name");

    assertEquals("deployment.apps/app-deployment\n", r.out());
    assertNotNull(
        Json.str(
            Json.parse(writes().get(0).body()), "metadata", "annotations", LastApplied.ANNOTATION));
  }

  @Test
  void validateFalseAsksTheServerToIgnoreUnknownFields() {
    kc.run("apply", "-f", deploy.toString(), "--validate=false");

    assertTrue(writes().get(0).uri().endsWith("fieldValidation=Ignore"), writes().get(0).uri());
  }
}
