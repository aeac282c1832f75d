package dev.kc.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.cli.testing.Kc;
import dev.kc.controlplane.daemon.Daemon;
import dev.kc.controlplane.daemon.Home;
import dev.kc.controlplane.kubelet.KubeletConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload verbs (scale, patch, label, annotate, set, rollout, wait) against a real daemon. */
class WorkloadVerbsTest {
  @TempDir static Path dir;
  static Daemon daemon;
  static Kc kc;

  static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: NAME
          labels:
            app: app
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: NAME
          template:
            metadata:
              labels:
                app: NAME
            spec:
              containers:
              - name: app
                image: app:1.0.0
              - name: side
                image: side:1
        """
        .replace("NAME", name);
  }

  @BeforeAll
  static void start() {
    System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    kc = new Kc(dir);
    daemon =
        Daemon.start(
            new Daemon.Config(
                    new Home(kc.home()),
                    "127.0.0.1",
                    0,
                    "virtual",
                    3,
                    Duration.ofSeconds(30),
                    KubeletConfig.defaults())
                // These tests play the controllers themselves (hand-made ReplicaSets and status).
                .withoutControllers());
  }

  @AfterAll
  static void stop() {
    daemon.close();
  }

  static void create(String name) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, deployment(name));
    Kc.Result r = kc.run("apply", "-f", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  static String jsonpath(String target, String path) {
    Kc.Result r = kc.run("get", target, "-o", "jsonpath={" + path + "}");
    assertEquals(0, r.code(), r.err());
    return r.out();
  }

  @Test
  void scaleSetsReplicasThroughTheScaleSubresource() throws Exception {
    create("scaled");

    Kc.Result r = kc.run("scale", "deployment/scaled", "--replicas=5");
    assertEquals("deployment.apps/scaled scaled\n", r.out(), r.err());
    assertEquals("5", jsonpath("deploy/scaled", ".spec.replicas"));

    Kc.Result typeAndName = kc.run("scale", "deploy", "scaled", "--replicas", "2");
    assertEquals("deployment.apps/scaled scaled\n", typeAndName.out(), typeAndName.err());
    assertEquals("2", jsonpath("deploy/scaled", ".spec.replicas"));
  }

  @Test
  void scaleChecksCurrentReplicasBeforePutting() throws Exception {
    create("guarded");

    Kc.Result wrong = kc.run("scale", "deploy/guarded", "--current-replicas=2", "--replicas=4");
    assertEquals(1, wrong.code());
    assertEquals("error: Expected replicas to be 2, was 3\n", wrong.err());

    Kc.Result right = kc.run("scale", "deploy/guarded", "--current-replicas=3", "--replicas=4");
    assertEquals("deployment.apps/guarded scaled\n", right.out(), right.err());
    assertEquals("4", jsonpath("deploy/guarded", ".spec.replicas"));
  }

  @Test
  void scaleRefusesMissingReplicasAndMissingResources() {
    Kc.Result noReplicas = kc.run("scale", "deploy/x");
    assertEquals(1, noReplicas.code());
    assertTrue(
        noReplicas
            .err()
            .endsWith(
                " run.go:72] \"command failed\" err=\"required flag(s)"
                    + " \\\"replicas\\\" not set\"\n"),
        noReplicas.err());

    Kc.Result noResource = kc.run("scale", "--replicas=2");
    assertEquals(1, noResource.code());
    assertTrue(noResource.err().startsWith("error: You must provide one or more resources"));
  }

  @Test
  void patchReportsPatchedThenNoChange() throws Exception {
    create("patched");
    String body = "{\"spec\":{\"progressDeadlineSeconds\":600}}";

    Kc.Result first = kc.run("patch", "deployment/patched", "-p", body.replace("600", "700"));
    assertEquals("deployment.apps/patched patched\n", first.out(), first.err());
    assertEquals("700", jsonpath("deploy/patched", ".spec.progressDeadlineSeconds"));

    kc.run("patch", "deployment/patched", "-p", body);
    Kc.Result again = kc.run("patch", "deployment", "patched", "-p", body);
    assertEquals("deployment.apps/patched patched (no change)\n", again.out(), again.err());

    Kc.Result merge =
        kc.run(
            "patch",
            "deploy/patched",
            "--type=merge",
            "-p",
            "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
    assertEquals("deployment.apps/patched patched\n", merge.out(), merge.err());
    assertEquals("y", jsonpath("deploy/patched", ".metadata.labels.x"));

    Kc.Result json =
        kc.run(
            "patch",
            "deploy/patched",
            "--type=json",
            "-p",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":1}]");
    assertEquals("deployment.apps/patched patched\n", json.out(), json.err());
    assertEquals("1", jsonpath("deploy/patched", ".spec.replicas"));
  }

  @Test
  void patchWithStrategicMergeKeepsOtherContainers() throws Exception {
    create("smp");
    Kc.Result r =
        kc.run(
            "patch",
            "deploy/smp",
            "-p",
            "spec:\n  template:\n    spec:\n      containers:\n      - name: side\n        image: side:2\n");
    assertEquals("deployment.apps/smp patched\n", r.out(), r.err());
    assertEquals(
        "app:1.0.0 side:2", jsonpath("deploy/smp", ".spec.template.spec.containers[*].image"));
  }

  @Test
  void patchNeedsABody() {
    Kc.Result r = kc.run("patch", "deploy/x");
    assertEquals(1, r.code());
    assertEquals(
        "error: must specify --patch or --patch-file containing the contents of the patch\n",
        r.err());
  }

  @Test
  void labelAddsRefusesOverwritesAndRemoves() throws Exception {
    create("labelled");

    assertEquals(
        "deployment.apps/labelled labeled\n", kc.run("label", "deploy/labelled", "tier=web").out());
    assertEquals("web", jsonpath("deploy/labelled", ".metadata.labels.tier"));

    Kc.Result clash = kc.run("label", "deploy", "labelled", "tier=db");
    assertEquals(1, clash.code());
    assertEquals(
        "error: 'tier' already has a value (web), and --overwrite is false\n", clash.err());

    Kc.Result overwritten = kc.run("label", "deploy", "labelled", "tier=db", "--overwrite");
    assertEquals("deployment.apps/labelled labeled\n", overwritten.out(), overwritten.err());
    assertEquals("db", jsonpath("deploy/labelled", ".metadata.labels.tier"));

    Kc.Result removed = kc.run("label", "deploy/labelled", "tier-");
    assertEquals("deployment.apps/labelled unlabeled\n", removed.out(), removed.err());
    assertEquals("", jsonpath("deploy/labelled", ".metadata.labels.tier"));

    Kc.Result none = kc.run("label", "deploy/labelled");
    assertEquals("error: at least one label update is required\n", none.err());
  }

  @Test
  void annotateAddsAndRemoves() throws Exception {
    create("annotated");

    Kc.Result r = kc.run("annotate", "deploy/annotated", "owner=me");
    assertEquals("deployment.apps/annotated annotated\n", r.out(), r.err());
    assertEquals("me", jsonpath("deploy/annotated", ".metadata.annotations.owner"));

    Kc.Result clash = kc.run("annotate", "deploy/annotated", "owner=you");
    assertEquals(
        "error: --overwrite is false but found the following declared annotation(s): 'owner'"
            + " already has a value (me)\n",
        clash.err());

    assertEquals(
        "deployment.apps/annotated annotated\n",
        kc.run("annotate", "deploy/annotated", "owner-").out());
    assertEquals("", jsonpath("deploy/annotated", ".metadata.annotations.owner"));
  }

  @Test
  void rolloutPauseResumeAndRestartRefuseWhatKubectlRefuses() throws Exception {
    create("paused");

    assertEquals(
        "deployment.apps/paused paused\n", kc.run("rollout", "pause", "deploy/paused").out());
    assertEquals("true", jsonpath("deploy/paused", ".spec.paused"));
    Kc.Result again = kc.run("rollout", "pause", "deploy/paused");
    assertEquals(1, again.code());
    assertEquals("error: deployments.apps \"paused\" is already paused\n", again.err());
    Kc.Result restartPaused = kc.run("rollout", "restart", "deploy/paused");
    assertEquals(
        "error: deployments.apps \"paused\" can't restart paused deployment (run rollout resume"
            + " first)\n",
        restartPaused.err());

    assertEquals(
        "deployment.apps/paused resumed\n", kc.run("rollout", "resume", "deploy/paused").out());
    assertEquals("", jsonpath("deploy/paused", ".spec.paused"));
    assertEquals(
        "error: deployments.apps \"paused\" is not paused\n",
        kc.run("rollout", "resume", "deploy/paused").err());

    Kc.Result restarted = kc.run("rollout", "restart", "deployment", "paused");
    assertEquals("deployment.apps/paused restarted\n", restarted.out(), restarted.err());
    assertTrue(
        jsonpath("deploy/paused", ".spec.template.metadata.annotations")
            .contains("kubectl.kubernetes.io/restartedAt"));
  }

  /** Creates a ReplicaSet owned by the deployment, as the deployment controller would. */
  static void replicaSet(String deploy, String hash, int revision, String image, String cause)
      throws Exception {
    String uid = jsonpath("deploy/" + deploy, ".metadata.uid");
    String annotations =
        "    deployment.kubernetes.io/revision: \""
            + revision
            + "\"\n"
            + (cause == null ? "" : "    kubernetes.io/change-cause: " + cause + "\n");
    Path file = dir.resolve(deploy + "-" + hash + ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: DEPLOY-H
          labels: {app: DEPLOY, pod-template-hash: H}
          annotations:
        ANNOTATIONS  ownerReferences:
          - {apiVersion: apps/v1, kind: Deployment, name: DEPLOY, uid: UID, controller: true}
        spec:
          replicas: 0
          selector:
            matchLabels: {app: DEPLOY, pod-template-hash: H}
          template:
            metadata:
              labels: {app: DEPLOY, pod-template-hash: H}
            spec:
              containers:
              - name: app
                image: IMAGE
              - name: side
                image: side:1
        """
            .replace("ANNOTATIONS", annotations)
            .replace("DEPLOY", deploy)
            .replace("-H", "-" + hash)
            .replace(": H}", ": " + hash + "}")
            .replace("UID", uid)
            .replace("IMAGE", image));
    Kc.Result r = kc.run("create", "-f", file.toString());
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void rolloutHistoryListsTheOwnedReplicaSetsAndUndoRestoresATemplate() throws Exception {
    create("hist");
    Kc.Result none = kc.run("rollout", "history", "deploy/hist");
    assertEquals("deployment.apps/hist \nNo rollout history found.\n", none.out(), none.err());

    replicaSet("hist", "aaa", 1, "app:0.9", null);
    kc.run("annotate", "deploy/hist", "kubernetes.io/change-cause=kc set image app=app:1.0.0");
    replicaSet("hist", "bbb", 2, "app:1.0.0", "kc set image app=app:1.0.0");

    Kc.Result history = kc.run("rollout", "history", "deployment/hist");
    assertEquals(
        "deployment.apps/hist \n"
            + "REVISION  CHANGE-CAUSE\n"
            + "1         <none>\n"
            + "2         kc set image app=app:1.0.0\n\n",
        history.out(),
        history.err());

    Kc.Result rev = kc.run("rollout", "history", "deployment/hist", "--revision=1");
    assertEquals(
        "deployment.apps/hist with revision #1\n"
            + "Pod Template:\n"
            + "  Labels:\tapp=hist\n"
            + "\tpod-template-hash=aaa\n"
            + "  Containers:\n"
            + "   app:\n"
            + "    Image:\tapp:0.9\n"
            + "    Port:\t<none>\n"
            + "    Host Port:\t<none>\n"
            + "    Environment:\t<none>\n"
            + "    Mounts:\t<none>\n"
            + "   side:\n"
            + "    Image:\tside:1\n"
            + "    Port:\t<none>\n"
            + "    Host Port:\t<none>\n"
            + "    Environment:\t<none>\n"
            + "    Mounts:\t<none>\n"
            + "  Volumes:\t<none>\n"
            + "  Node-Selectors:\t<none>\n"
            + "  Tolerations:\t<none>\n\n",
        rev.out(),
        rev.err());

    Kc.Result missing = kc.run("rollout", "undo", "deploy/hist", "--to-revision=7");
    assertEquals(1, missing.code());
    assertEquals("error: unable to find specified revision 7 in history\n", missing.err());

    Kc.Result undone = kc.run("rollout", "undo", "deploy/hist");
    assertEquals("deployment.apps/hist rolled back\n", undone.out(), undone.err());
    assertEquals(
        "app:0.9 side:1", jsonpath("deploy/hist", ".spec.template.spec.containers[*].image"));
    assertEquals("", jsonpath("deploy/hist", ".metadata.annotations.kubernetes\\.io/change-cause"));

    Kc.Result skipped = kc.run("rollout", "undo", "deploy/hist", "--to-revision=1");
    assertEquals(
        "deployment.apps/hist skipped rollback (current template already matches revision 1)\n",
        skipped.out(),
        skipped.err());

    kc.run("rollout", "pause", "deploy/hist");
    Kc.Result paused = kc.run("rollout", "undo", "deploy/hist", "--to-revision=2");
    assertEquals(
        "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout"
            + " resume' and try again\n",
        paused.err());
  }

  static void status(String deploy, String statusJson) {
    Kc.Result r =
        kc.run(
            "patch",
            "deploy/" + deploy,
            "--subresource=status",
            "--type=merge",
            "-p",
            "{\"status\":" + statusJson + "}");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void rolloutStatusFollowsTheDecisionTable() throws Exception {
    create("stat");
    status("stat", "{\"observedGeneration\":1,\"replicas\":3,\"updatedReplicas\":1}");
    Kc.Result once = kc.run("rollout", "status", "deploy/stat", "--watch=false");
    assertEquals(
        "Waiting for deployment \"stat\" rollout to finish: 1 out of 3 new replicas have been"
            + " updated...\n",
        once.out(),
        once.err());

    Kc.Result timedOut = kc.run("rollout", "status", "deploy/stat", "--timeout=1s");
    assertEquals(1, timedOut.code());
    assertEquals("error: timed out waiting for the condition\n", timedOut.err());

    status("stat", "{\"updatedReplicas\":3,\"availableReplicas\":3}");
    Kc.Result done = kc.run("rollout", "status", "deploy/stat");
    assertEquals("deployment \"stat\" successfully rolled out\n", done.out(), done.err());

    status(
        "stat",
        "{\"conditions\":[{\"type\":\"Progressing\",\"status\":\"False\","
            + "\"reason\":\"ProgressDeadlineExceeded\"}]}");
    Kc.Result exceeded = kc.run("rollout", "status", "deploy/stat");
    assertEquals(1, exceeded.code());
    assertEquals("error: deployment \"stat\" exceeded its progress deadline\n", exceeded.err());
  }

  @Test
  void waitForConditionJsonpathAndDelete() throws Exception {
    create("waited");
    Kc.Result timedOut =
        kc.run("wait", "--for=condition=Available", "deploy/waited", "--timeout=1s");
    assertEquals(1, timedOut.code());
    assertEquals(
        "error: timed out waiting for the condition on deployments/waited\n", timedOut.err());

    status(
        "waited",
        "{\"observedGeneration\":1,\"readyReplicas\":3,\"conditions\":[{\"type\":"
            + "\"Available\",\"status\":\"True\",\"reason\":\"MinimumReplicasAvailable\"}]}");
    Kc.Result met = kc.run("wait", "--for=condition=Available", "deployment/waited");
    assertEquals("deployment.apps/waited condition met\n", met.out(), met.err());
    Kc.Result notFalse =
        kc.run("wait", "--for=condition=Available=false", "deploy/waited", "--timeout=1s");
    assertEquals(1, notFalse.code());

    Kc.Result path = kc.run("wait", "--for=jsonpath={.status.readyReplicas}=3", "deploy", "waited");
    assertEquals("deployment.apps/waited condition met\n", path.out(), path.err());

    kc.run("delete", "deploy/waited", "--wait=false");
    Kc.Result deleted = kc.run("wait", "--for=delete", "deploy/waited", "--timeout=10s");
    assertEquals(0, deleted.code(), deleted.err());

    Kc.Result unknown = kc.run("wait", "deploy/waited");
    assertEquals("error: unrecognized condition: \"\"\n", unknown.err());
  }

  @Test
  void editPatchesWhatTheEditorChangedAndCancelsWhenNothingChanged() throws Exception {
    create("edited");

    kc.env("KUBE_EDITOR", "true");
    Kc.Result unchanged = kc.run("edit", "deploy/edited");
    assertEquals(0, unchanged.code(), unchanged.err());
    assertEquals("", unchanged.out());
    assertEquals("Edit cancelled, no changes made.\n", unchanged.err());

    kc.env("KUBE_EDITOR", "sed -i 's/replicas: 3/replicas: 6/'");
    Kc.Result edited = kc.run("edit", "deployment", "edited");
    assertEquals("deployment.apps/edited edited\n", edited.out(), edited.err());
    assertEquals("6", jsonpath("deploy/edited", ".spec.replicas"));

    kc.env("KUBE_EDITOR", "sh -c 'echo \"# nothing\" > \"$0\"'");
    Kc.Result emptied = kc.run("edit", "deploy/edited");
    assertEquals("Edit cancelled, saved file was empty.\n", emptied.err());
  }

  @Test
  void apiResourcesListsPreferredVersionsByGroupThenName() {
    Kc.Result r = kc.run("api-resources", "--api-group=apps", "--no-headers");
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "controllerrevisions            apps/v1   true   ControllerRevision\n"
            + "daemonsets            ds       apps/v1   true   DaemonSet\n"
            + "deployments           deploy   apps/v1   true   Deployment\n"
            + "replicasets           rs       apps/v1   true   ReplicaSet\n"
            + "statefulsets          sts      apps/v1   true   StatefulSet\n",
        r.out());
    assertTrue(
        kc.run("api-resources", "-o", "name")
            .out()
            .contains("\nhorizontalpodautoscalers.autoscaling\n"));
  }

  @Test
  void autoscaleCreatesAnAutoscalingV1Hpa() throws Exception {
    create("auto");
    Kc.Result r = kc.run("autoscale", "deploy/auto", "--min=2", "--max=5", "--cpu-percent=80");
    assertEquals("horizontalpodautoscaler.autoscaling/auto autoscaled\n", r.out(), r.err());
    assertEquals(
        "2 5 Deployment",
        jsonpath("hpa/auto", ".spec.minReplicas} {.spec.maxReplicas} {.spec.scaleTargetRef.kind"));

    Kc.Result bad = kc.run("autoscale", "deploy/auto", "--max=1", "--min=3");
    assertEquals(
        "error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 1, min: 3\n",
        bad.err());
  }

  @Test
  void selectorsPickTheObjectsForWaitLabelAndScale() throws Exception {
    create("sel-a");
    create("sel-b");
    kc.run("label", "deploy/sel-a", "deploy/sel-b", "group=sel");

    Kc.Result scaled = kc.run("scale", "deploy", "-l", "group=sel", "--replicas=1");
    assertEquals(
        "deployment.apps/sel-a scaled\ndeployment.apps/sel-b scaled\n", scaled.out(), scaled.err());
    Kc.Result waited =
        kc.run("wait", "--for=jsonpath={.spec.replicas}=1", "deploy", "-l", "group=sel");
    assertEquals(
        "deployment.apps/sel-a condition met\ndeployment.apps/sel-b condition met\n",
        waited.out(),
        waited.err());

    Kc.Result none = kc.run("wait", "--for=condition=Ready", "pod", "-l", "group=none");
    assertEquals("error: no matching resources found\n", none.err());
    Kc.Result mixed = kc.run("label", "deploy/sel-a", "-l", "group=sel", "x=y");
    assertEquals(
        "error: selectors and the all flag cannot be used when passing resource/name arguments\n",
        mixed.err());
  }

  @Test
  void explainReadsTheServersOpenApiSchema() {
    Kc.Result r = kc.run("explain", "deployment.spec.replicas");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n"
                    + "FIELD: replicas <integer>\n\n\nDESCRIPTION:\n    "),
        r.out());
    assertTrue(r.out().endsWith("\n    \n\n"), r.out());

    Kc.Result fields = kc.run("explain", "pod.spec.containers.ports");
    assertTrue(fields.out().contains("\nFIELDS:\n  containerPort\t<integer> -required-\n"));

    Kc.Result missing = kc.run("explain", "deployment.foo");
    assertEquals(1, missing.code());
    assertEquals("error: field \"foo\" does not exist\n", missing.err());
  }

  @Test
  void waitForCreateLabelListAndSelectorsOnSetAndRollout() throws Exception {
    Kc.Result absent = kc.run("wait", "--for=create", "deploy/later", "--timeout=1s");
    assertEquals(1, absent.code());
    assertEquals("error: timed out waiting for the condition\n", absent.err());
    create("later");
    assertEquals(
        "deployment.apps/later condition met\n",
        kc.run("wait", "--for=create", "deploy/later").out());

    kc.run("label", "deploy/later", "tier=web", "zone=a");
    assertEquals("app=app\ntier=web\nzone=a\n", kc.run("label", "--list", "deploy/later").out());

    Kc.Result set = kc.run("set", "image", "deploy", "-l", "tier=web", "app=app:2");
    assertEquals("deployment.apps/later image updated\n", set.out(), set.err());
    Kc.Result restarted = kc.run("rollout", "restart", "deploy", "-l", "tier=web");
    assertEquals("deployment.apps/later restarted\n", restarted.out(), restarted.err());
  }
}
