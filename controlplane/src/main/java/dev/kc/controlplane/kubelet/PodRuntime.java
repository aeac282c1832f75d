package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.kubelet.ContainerRuntime.Phase;
import dev.kc.controlplane.kubelet.sim.InMemoryFs;
import dev.kc.controlplane.kubelet.sim.ProcessContext;
import dev.kc.controlplane.kubelet.sim.SimProcess;
import dev.kc.controlplane.kubelet.sim.Volume;
import dev.kc.controlplane.objects.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One pod on a simulated node: its sandbox (IP, volumes), its containers' state machines, and the
 * status the kubelet reports. Driven by {@link #sync}, which does everything that is due at the
 * given time and says when it next needs to run. Not thread-safe: the kubelet's work queue never
 * syncs one pod concurrently.
 */
final class PodRuntime {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration RETRY = Duration.ofSeconds(10);

  /** What a sync produced. */
  record Outcome(ObjectNode status, Instant wakeAt, boolean remove) {}

  final String key;
  final String uid;
  private final NodeServices node;
  String ip;
  private Instant startTime;
  private Map<String, Volume> volumes;
  private Instant volumesRetryAt;
  private final List<ContainerRuntime> inits = new ArrayList<>();
  private final List<ContainerRuntime> apps = new ArrayList<>();
  private final Map<String, String[]> conditionTimes = new HashMap<>();
  private boolean terminating;
  private Instant wake;
  private Instant now;
  private ObjectNode pod;

  PodRuntime(ObjectNode pod, NodeServices node) {
    this.key =
        Json.at(pod, "metadata", "namespace").asString("")
            + "/"
            + Json.at(pod, "metadata", "name").asString("");
    this.uid = Json.at(pod, "metadata", "uid").asString("");
    this.node = node;
    for (JsonNode c : pod.path("spec").path("initContainers")) {
      inits.add(new ContainerRuntime(c, true));
    }
    for (JsonNode c : pod.path("spec").path("containers")) {
      apps.add(new ContainerRuntime(c, false));
    }
  }

  ContainerRuntime container(String name) {
    for (ContainerRuntime c : apps) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    for (ContainerRuntime c : inits) {
      if (c.name.equals(name)) {
        return c;
      }
    }
    return null;
  }

  List<ContainerRuntime> containers() {
    List<ContainerRuntime> all = new ArrayList<>(inits);
    all.addAll(apps);
    return all;
  }

  String name() {
    return Json.at(pod, "metadata", "name").asString("");
  }

  /** Does what is due at {@code at} for {@code current} (the latest pod object). */
  Outcome sync(ObjectNode current, Instant at) {
    this.pod = current;
    this.now = at;
    this.wake = null;
    if (ip == null) {
      ip = node.hostIp().isEmpty() ? "" : allocateIp();
      startTime = at;
    }
    if (!Json.at(current, "metadata", "deletionTimestamp").isMissingNode()) {
      boolean done = terminate();
      return new Outcome(status(), wake, done);
    }
    if (!ensureVolumes()) {
      return new Outcome(status(), wake, false);
    }
    boolean initDone = true;
    for (ContainerRuntime c : inits) {
      advance(c);
      if (c.sidecar ? !c.started : !c.succeeded()) {
        initDone = false;
        break;
      }
    }
    if (initDone) {
      for (ContainerRuntime c : apps) {
        advance(c);
      }
    }
    for (ContainerRuntime c : containers()) {
      if (c.phase == Phase.RUNNING) {
        probe(c);
        if (c.phase != Phase.RUNNING) {
          // A probe stopped it: carry on with what is due now (stop, restart).
          advance(c);
        }
      }
    }
    return new Outcome(status(), wake, false);
  }

  private void wakeAt(Instant t) {
    if (t != null && (wake == null || t.isBefore(wake))) {
      wake = t;
    }
  }

  private String allocateIp() {
    return node.allocateIp(uid);
  }

  // ---- volumes ----------------------------------------------------------------------------

  /** Sets up the pod's volumes once; false (with a retry scheduled) while one is unavailable. */
  private boolean ensureVolumes() {
    if (volumes != null) {
      return true;
    }
    if (volumesRetryAt != null && now.isBefore(volumesRetryAt)) {
      wakeAt(volumesRetryAt);
      return false;
    }
    Map<String, Volume> out = new LinkedHashMap<>();
    String ns = Json.at(pod, "metadata", "namespace").asString("");
    for (JsonNode v : pod.path("spec").path("volumes")) {
      String name = v.path("name").asString("");
      String problem = null;
      Volume vol;
      if (v.has("hostPath")) {
        vol = node.hostPath(v.path("hostPath").path("path").asString("/"));
      } else if (v.has("configMap") || v.has("secret")) {
        boolean secret = v.has("secret");
        JsonNode src = secret ? v.path("secret") : v.path("configMap");
        String objName =
            secret ? src.path("secretName").asString("") : src.path("name").asString("");
        JsonNode obj = node.object(secret ? "Secret" : "ConfigMap", ns, objName);
        if (obj == null && !src.path("optional").asBoolean(false)) {
          problem = (secret ? "secret" : "configmap") + " \"" + objName + "\" not found";
          vol = null;
        } else {
          vol = filesVolume(obj, src, secret);
        }
      } else if (v.has("persistentVolumeClaim")) {
        String claim = v.path("persistentVolumeClaim").path("claimName").asString("");
        vol = node.claim(ns, claim);
        if (vol == null) {
          problem = "persistentvolumeclaim \"" + claim + "\" is not bound";
        }
      } else {
        vol = new Volume();
      }
      if (problem != null) {
        node.event(
            pod,
            "Warning",
            "FailedMount",
            "MountVolume.SetUp failed for volume \"" + name + "\" : " + problem,
            null);
        volumesRetryAt = now.plus(RETRY);
        wakeAt(volumesRetryAt);
        return false;
      }
      out.put(name, vol);
    }
    volumes = out;
    return true;
  }

  private static Volume filesVolume(JsonNode obj, JsonNode src, boolean secret) {
    Volume vol = new Volume();
    if (obj == null) {
      return vol;
    }
    InMemoryFs fs = InMemoryFs.of(vol);
    Map<String, String> paths = new LinkedHashMap<>();
    JsonNode items = src.path("items");
    JsonNode data = obj.path("data");
    if (items.isArray() && !items.isEmpty()) {
      for (JsonNode i : items) {
        paths.put(i.path("key").asString(""), i.path("path").asString(""));
      }
    } else {
      for (String k : data.propertyNames()) {
        paths.put(k, k);
      }
      for (String k : obj.path("binaryData").propertyNames()) {
        paths.put(k, k);
      }
    }
    for (Map.Entry<String, String> e : paths.entrySet()) {
      JsonNode value = data.get(e.getKey());
      byte[] bytes;
      if (value != null) {
        bytes =
            secret
                ? Base64.getDecoder().decode(value.asString(""))
                : value.asString("").getBytes(StandardCharsets.UTF_8);
      } else if (obj.path("binaryData").has(e.getKey())) {
        bytes = Base64.getDecoder().decode(obj.path("binaryData").path(e.getKey()).asString(""));
      } else {
        continue;
      }
      fs.put("/" + e.getValue(), bytes);
    }
    return vol;
  }

  // ---- container life ---------------------------------------------------------------------

  /** Moves a container through every transition that is due now. */
  private void advance(ContainerRuntime c) {
    for (int guard = 0; guard < 64; guard++) {
      if (!step(c)) {
        return;
      }
    }
  }

  /** One transition; returns whether the container moved on (so another may be due). */
  private boolean step(ContainerRuntime c) {
    switch (c.phase) {
      case NEW -> {
        beginImage(c);
        return true;
      }
      case PULLING -> {
        if (waiting(c)) {
          return false;
        }
        finishPull(c);
        return true;
      }
      case PULL_FAILED -> {
        if (waiting(c)) {
          return false;
        }
        c.phase = Phase.PULL_BACKOFF;
        c.until = c.pullStarted;
        c.waiting("ImagePullBackOff", "Back-off pulling image \"" + c.image() + "\"");
        event("Normal", "BackOff", "Back-off pulling image \"" + c.image() + "\"", c);
        event("Warning", "Failed", "Error: ImagePullBackOff", c);
        return true;
      }
      case PULL_BACKOFF -> {
        if (waiting(c)) {
          return false;
        }
        startPull(c);
        return true;
      }
      case NEVER_PULL -> {
        ImageRef ref = ImageRef.parse(c.image());
        if (ref != null && node.images().isPresent(node.nodeName(), ref)) {
          alreadyPresent(c);
          return true;
        }
        return false;
      }
      case INVALID_IMAGE -> {
        return false;
      }
      case CONFIG_ERROR -> {
        if (waiting(c)) {
          return false;
        }
        c.phase = Phase.NEW;
        return true;
      }
      case STARTING -> {
        if (waiting(c)) {
          return false;
        }
        startContainer(c);
        return true;
      }
      case POST_START -> {
        if (waiting(c)) {
          return false;
        }
        c.phase = Phase.RUNNING;
        c.waiting(null, null);
        return true;
      }
      case RUNNING -> {
        return runProcess(c);
      }
      case STOPPING -> {
        if (runProcess(c)) {
          return true;
        }
        if (!waiting(c)) {
          exited(c, c.stopExitCode, c.stopExitCode == 0 ? "Completed" : "Error");
          return true;
        }
        return false;
      }
      case BACKOFF -> {
        if (waiting(c)) {
          return false;
        }
        c.restartCount++;
        c.lastTerminated = c.terminated;
        c.terminated = null;
        c.phase = Phase.NEW;
        return true;
      }
      case DONE -> {
        return false;
      }
    }
    return false;
  }

  /** True (scheduling a wake-up) while the current phase's deadline is ahead. */
  private boolean waiting(ContainerRuntime c) {
    if (c.until != null && now.isBefore(c.until)) {
      wakeAt(c.until);
      return true;
    }
    return false;
  }

  private void beginImage(ContainerRuntime c) {
    ImageRef ref = ImageRef.parse(c.image());
    if (ref == null) {
      c.phase = Phase.INVALID_IMAGE;
      c.waiting(
          "InvalidImageName",
          "Failed to apply default image tag \""
              + c.image()
              + "\": couldn't parse image name \""
              + c.image()
              + "\": invalid reference format");
      event("Warning", "InspectFailed", c.waitingMessage, c);
      return;
    }
    String policy = c.spec.path("imagePullPolicy").asString("IfNotPresent");
    boolean present = node.images().isPresent(node.nodeName(), ref);
    if (policy.equals("Never")) {
      if (present) {
        alreadyPresent(c);
      } else {
        c.phase = Phase.NEVER_PULL;
        String msg =
            "Container image \"" + c.image() + "\" is not present with pull policy of Never";
        c.waiting("ErrImageNeverPull", msg);
        event("Warning", "ErrImageNeverPull", msg, c);
      }
      return;
    }
    if (present && !policy.equals("Always")) {
      alreadyPresent(c);
      return;
    }
    startPull(c);
  }

  private void alreadyPresent(ContainerRuntime c) {
    event(
        "Normal", "Pulled", "Container image \"" + c.image() + "\" already present on machine", c);
    c.imageId = imageId(c.image());
    prepareStart(c);
  }

  private void startPull(ContainerRuntime c) {
    event("Normal", "Pulling", "Pulling image \"" + c.image() + "\"", c);
    c.phase = Phase.PULLING;
    c.pullStarted = now;
    c.until = now.plus(node.config().pullDelay());
    c.waiting("ContainerCreating", null);
  }

  private void finishPull(ContainerRuntime c) {
    ImageRef ref = ImageRef.parse(c.image());
    if (node.images().isPullable(ref)) {
      node.images().pulled(node.nodeName(), ref);
      c.pullBackoff.reset(false);
      Duration took = Duration.between(c.pullStarted, now);
      String d = String.format("%.3fs", took.toMillis() / 1000.0);
      long size = imageSize(ref, c);
      event(
          "Normal",
          "Pulled",
          "Successfully pulled image \""
              + c.image()
              + "\" in "
              + d
              + " ("
              + d
              + " including waiting). Image size: "
              + size
              + " bytes.",
          c);
      c.imageId = imageId(c.image());
      prepareStart(c);
      return;
    }
    String full = fullName(ref);
    String msg =
        "failed to pull and unpack image \""
            + full
            + "\": failed to resolve reference \""
            + full
            + "\": "
            + full
            + ": not found";
    String error = "rpc error: code = NotFound desc = " + msg;
    event("Warning", "Failed", "Failed to pull image \"" + c.image() + "\": " + error, c);
    event("Warning", "Failed", "Error: ErrImagePull", c);
    c.phase = Phase.PULL_FAILED;
    c.waiting("ErrImagePull", error);
    Duration backoff = c.pullBackoff.take();
    // The status shows ErrImagePull for a moment, then ImagePullBackOff until the retry.
    c.until =
        now.plus(Duration.ofSeconds(1).compareTo(backoff) < 0 ? Duration.ofSeconds(1) : backoff);
    c.pullStarted = now.plus(backoff);
  }

  private static String fullName(ImageRef ref) {
    String repo = ref.repository();
    if (!repo.contains("/")) {
      repo = "docker.io/library/" + repo;
    } else if (!repo.substring(0, repo.indexOf('/')).contains(".")
        && !repo.substring(0, repo.indexOf('/')).contains(":")) {
      repo = "docker.io/" + repo;
    }
    return repo + (ref.digest().isEmpty() ? ":" + ref.tag() : "@" + ref.digest());
  }

  private static long imageSize(ImageRef ref, ContainerRuntime c) {
    ImageCatalog.Image img = ImageCatalog.lookup(ref, args(c));
    return img == null ? 12_345_678L : img.sizeBytes();
  }

  private static String imageId(String image) {
    ImageRef ref = ImageRef.parse(image);
    String digest = HexFormat.of().formatHex(sha256(image));
    return (ref == null ? image : fullName(ref).replaceFirst("[:@][^/]*$", ""))
        + "@sha256:"
        + digest;
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void prepareStart(ContainerRuntime c) {
    String problem = ContainerEnv.problem(c.spec, pod, node);
    if (problem != null) {
      c.phase = Phase.CONFIG_ERROR;
      c.waiting("CreateContainerConfigError", problem);
      event("Warning", "Failed", "Error: " + problem, c);
      c.until = now.plus(RETRY);
      wakeAt(c.until);
      return;
    }
    c.phase = Phase.STARTING;
    c.until = now.plus(node.config().startDelay());
    c.waiting("ContainerCreating", null);
  }

  private static List<String> args(ContainerRuntime c) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : c.spec.path("args")) {
      out.add(a.asString(""));
    }
    return out;
  }

  private void startContainer(ContainerRuntime c) {
    c.containerId = "containerd://" + HexFormat.of().formatHex(randomBytes(32));
    if (c.restartCount > 0 || c.lastTerminated != null) {
      c.previousLog = c.log;
      c.log = new ContainerLog();
    }
    c.fs = containerFs(c);
    Map<String, String> env = ContainerEnv.of(c.spec, pod, node, ip);
    List<String> argv = ContainerEnv.argv(c.spec, env);
    ImageRef ref = ImageRef.parse(c.image());
    ImageCatalog.Image image = ImageCatalog.lookup(ref, args(c));
    ImageStore.Loaded loaded = node.images().loaded(ref);
    boolean hasCommand = c.spec.path("command").size() > 0;
    boolean hasArgs = c.spec.path("args").size() > 0;
    c.process = null;
    c.server = false;
    if (hasCommand || (hasArgs && (image == null ? loaded == null : !image.isServer()))) {
      c.process = SimProcess.start(argv, context(c, env));
    } else if (image != null && !image.isServer()) {
      c.process = SimProcess.start(defaultCommand(image), context(c, env));
    } else {
      c.server = true;
    }
    event("Normal", "Created", "Created container: " + c.name, c);
    event("Normal", "Started", "Started container " + c.name, c);
    c.startedAt = now;
    c.liveness.reset();
    c.readiness.reset();
    c.startup.reset();
    c.ready = false;
    c.started = !Probes.defined(c.spec.get("startupProbe"));
    JsonNode postStart = c.spec.path("lifecycle").path("postStart");
    if (postStart.isObject() && !postStart.isEmpty()) {
      HookResult r =
          runHook(
              c,
              postStart,
              env,
              Duration.ofSeconds(
                  pod.path("spec").path("terminationGracePeriodSeconds").asLong(30)));
      if (!r.ok) {
        event("Warning", "FailedPostStartHook", "PostStartHook failed", c);
        c.phase = Phase.RUNNING;
        kill(c);
        return;
      }
      c.phase = Phase.POST_START;
      c.until = r.finishedAt;
      c.waiting("ContainerCreating", null);
      return;
    }
    c.phase = Phase.RUNNING;
    c.waiting(null, null);
  }

  /** An image's default command; programs the simulation has no model of just end at once. */
  private static List<String> defaultCommand(ImageCatalog.Image image) {
    String program = image.defaultCommand().get(0);
    String base = program.substring(program.lastIndexOf('/') + 1);
    if (List.of("sh", "bash", "ash").contains(base)) {
      return List.of(program, "-c", "exit 0");
    }
    return List.of("true");
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private InMemoryFs containerFs(ContainerRuntime c) {
    InMemoryFs fs = new InMemoryFs();
    String hostname = Json.at(pod, "spec", "hostname").asString(name());
    fs.putString("/etc/hostname", hostname + "\n");
    fs.putString(
        "/etc/hosts",
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + ip
            + "\t"
            + hostname
            + "\n");
    String ns = Json.at(pod, "metadata", "namespace").asString("default");
    fs.putString(
        "/etc/resolv.conf",
        "search "
            + ns
            + ".svc.cluster.local svc.cluster.local"
            + " cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
    for (JsonNode m : c.spec.path("volumeMounts")) {
      Volume v = volumes.get(m.path("name").asString(""));
      if (v == null) {
        continue;
      }
      String subPath = m.path("subPath").asString("");
      boolean readOnly = m.path("readOnly").asBoolean(false);
      fs.mount(m.path("mountPath").asString("/"), v, subPath, readOnly);
    }
    return fs;
  }

  private ProcessContext context(ContainerRuntime c, Map<String, String> env) {
    ContainerLog log = c.log;
    return new ProcessContext(
        c.fs,
        env,
        Json.at(pod, "spec", "hostname").asString(name()),
        node.resolver(pod),
        data -> log.append(now, data),
        data -> log.append(now, data),
        null);
  }

  /** Steps the main process; true when it exited (the container moved on). */
  private boolean runProcess(ContainerRuntime c) {
    Integer crash = node.faults().takeCrash(key, c.name);
    if (crash != null && c.isRunning()) {
      if (c.process != null) {
        c.process.signal(9);
      }
      exited(c, crash, crash == 0 ? "Completed" : "Error");
      return true;
    }
    if (c.process == null) {
      return false;
    }
    SimProcess.Step s = c.process.run(now);
    if (s instanceof SimProcess.Step.Exit exit) {
      exited(c, exit.code(), exit.code() == 0 ? "Completed" : "Error");
      return true;
    }
    Instant until = ((SimProcess.Step.Sleep) s).until();
    if (until.isAfter(now) && until.isBefore(Instant.parse("9999-01-01T00:00:00Z"))) {
      wakeAt(until);
    } else if (!until.isAfter(now)) {
      wakeAt(now);
    }
    return false;
  }

  /** A container's process ended: record it and decide on a restart. */
  private void exited(ContainerRuntime c, int code, String reason) {
    ObjectNode t = Json.object();
    t.put("exitCode", code);
    t.put("reason", reason);
    t.put("startedAt", Json.timestamp(c.startedAt == null ? now : c.startedAt));
    t.put("finishedAt", Json.timestamp(now));
    t.put("containerID", c.containerId);
    c.terminated = t;
    c.process = null;
    c.ready = false;
    c.started = false;
    c.server = false;
    if (!shouldRestart(c, code)) {
      c.phase = Phase.DONE;
      return;
    }
    if (c.startedAt != null
        && Duration.between(c.startedAt, now).compareTo(Duration.ofMinutes(10)) >= 0) {
      c.crashBackoff.reset(true);
    }
    Duration delay = c.crashBackoff.take();
    c.phase = Phase.BACKOFF;
    c.until = now.plus(delay);
    if (!delay.isZero()) {
      String podRef =
          name() + "_" + Json.at(pod, "metadata", "namespace").asString("") + "(" + uid + ")";
      c.waiting(
          "CrashLoopBackOff",
          "back-off "
              + dev.kc.api.GoDuration.format(delay)
              + " restarting failed container="
              + c.name
              + " pod="
              + podRef);
      event(
          "Warning",
          "BackOff",
          "Back-off restarting failed container " + c.name + " in pod " + podRef,
          c);
    }
  }

  private boolean shouldRestart(ContainerRuntime c, int code) {
    if (c.sidecar) {
      return true;
    }
    String policy = pod.path("spec").path("restartPolicy").asString("Always");
    if (c.init && policy.equals("Always")) {
      policy = "OnFailure";
    }
    return policy.equals("Always") || (policy.equals("OnFailure") && code != 0);
  }

  // ---- hooks and stopping -----------------------------------------------------------------

  private record HookResult(boolean ok, Instant finishedAt, String output) {}

  private HookResult runHook(
      ContainerRuntime c, JsonNode handler, Map<String, String> env, Duration limit) {
    if (handler.has("exec")) {
      List<String> argv = new ArrayList<>();
      for (JsonNode a : handler.path("exec").path("command")) {
        argv.add(a.asString(""));
      }
      Processes.Outcome o = Processes.runToCompletion(argv, context(c, env), now, limit);
      return new HookResult(o.exitCode() == 0, o.finishedAt(), o.output());
    }
    if (handler.has("httpGet") || handler.has("tcpSocket")) {
      JsonNode h = handler.has("httpGet") ? handler.path("httpGet") : handler.path("tcpSocket");
      return new HookResult(serves(c, h.get("port")), now, "");
    }
    if (handler.has("sleep")) {
      return new HookResult(
          true, now.plusSeconds(handler.path("sleep").path("seconds").asLong(0)), "");
    }
    return new HookResult(true, now, "");
  }

  /**
   * Stops a running container: preStop hook, then SIGTERM. A shell running as PID 1 ignores
   * SIGTERM, as in a real container, so it is killed when the grace period ends.
   */
  private void kill(ContainerRuntime c) {
    if (!c.isRunning()) {
      return;
    }
    Duration grace =
        Duration.ofSeconds(pod.path("spec").path("terminationGracePeriodSeconds").asLong(30));
    Instant deadline = now.plus(grace);
    stop(c, deadline);
  }

  private void stop(ContainerRuntime c, Instant deadline) {
    Instant termAt = now;
    JsonNode preStop = c.spec.path("lifecycle").path("preStop");
    if (preStop.isObject() && !preStop.isEmpty() && c.fs != null) {
      Map<String, String> env = ContainerEnv.of(c.spec, pod, node, ip);
      HookResult r =
          runHook(
              c,
              preStop,
              env,
              Duration.between(now, deadline).isNegative()
                  ? Duration.ZERO
                  : Duration.between(now, deadline));
      if (!r.ok) {
        event("Warning", "FailedPreStopHook", "PreStopHook failed", c);
      }
      termAt = r.finishedAt.isAfter(deadline) ? deadline : r.finishedAt;
    }
    c.phase = Phase.STOPPING;
    c.ready = false;
    if (c.server) {
      boolean graceful = ImageCatalog.lookup(ImageRef.parse(c.image()), args(c)) != null;
      c.stopExitCode = graceful ? 0 : 143;
      c.until = termAt;
    } else {
      c.stopExitCode = 137;
      c.until = deadline;
    }
    wakeAt(c.until);
  }

  /** Pod deletion: stop every container; true once all have stopped or time is up. */
  private boolean terminate() {
    Instant deadline = Json.parseTime(Json.at(pod, "metadata", "deletionTimestamp"));
    if (deadline == null) {
      deadline = now;
    }
    if (!terminating) {
      terminating = true;
      for (ContainerRuntime c : containers()) {
        if (c.isRunning() && c.phase != Phase.STOPPING) {
          event("Normal", "Killing", "Stopping container " + c.name, c);
          stop(c, deadline);
        } else if (!c.isRunning() && c.phase != Phase.DONE) {
          c.phase = Phase.DONE;
          if (c.terminated == null && c.startedAt != null) {
            exited(c, 137, "Error");
            c.phase = Phase.DONE;
          }
        }
      }
    }
    boolean running = false;
    for (ContainerRuntime c : containers()) {
      if (c.phase == Phase.STOPPING) {
        if (!now.isBefore(deadline)) {
          if (c.process != null) {
            c.process.signal(9);
          }
          exitForGood(c, 137, "Error");
        } else if (!runProcessDuringStop(c)) {
          if (!now.isBefore(c.until)) {
            exitForGood(c, c.stopExitCode, c.stopExitCode == 0 ? "Completed" : "Error");
          } else {
            running = true;
            wakeAt(c.until);
          }
        }
      }
    }
    if (running) {
      wakeAt(deadline);
      return false;
    }
    node.releaseIp(uid);
    return true;
  }

  private boolean runProcessDuringStop(ContainerRuntime c) {
    if (c.process == null) {
      return false;
    }
    SimProcess.Step s = c.process.run(now);
    if (s instanceof SimProcess.Step.Exit exit) {
      exitForGood(c, exit.code(), exit.code() == 0 ? "Completed" : "Error");
      return true;
    }
    return false;
  }

  private void exitForGood(ContainerRuntime c, int code, String reason) {
    exited(c, code, reason);
    c.phase = Phase.DONE;
  }

  // ---- probes -----------------------------------------------------------------------------

  private void probe(ContainerRuntime c) {
    JsonNode startup = c.spec.get("startupProbe");
    if (Probes.defined(startup) && !c.startup.passed) {
      if (due(c.startup, startup, c)) {
        Probes.Result r = runProbe(c, startup);
        c.startup.record(startup, r);
        if (c.startup.passed) {
          c.started = true;
        } else if (!r.success()) {
          event("Warning", "Unhealthy", "Startup probe failed: " + r.output(), c);
          if (c.startup.failedOut(startup)) {
            event(
                "Normal",
                "Killing",
                "Container " + c.name + " failed startup probe, will be restarted",
                c);
            kill(c);
            return;
          }
        }
      }
      wakeAt(c.startup.nextAt);
      if (!c.started) {
        return;
      }
    }
    c.started = true;
    JsonNode liveness = c.spec.get("livenessProbe");
    if (Probes.defined(liveness)) {
      if (due(c.liveness, liveness, c)) {
        Probes.Result r = runProbe(c, liveness);
        c.liveness.record(liveness, r);
        if (!r.success()) {
          event("Warning", "Unhealthy", "Liveness probe failed: " + r.output(), c);
          if (c.liveness.failedOut(liveness)) {
            event(
                "Normal",
                "Killing",
                "Container " + c.name + " failed liveness probe, will be restarted",
                c);
            kill(c);
            return;
          }
        }
      }
      wakeAt(c.liveness.nextAt);
    }
    JsonNode readiness = c.spec.get("readinessProbe");
    Boolean forced = node.faults().readinessOverride(key, c.name);
    if (Probes.defined(readiness)) {
      if (due(c.readiness, readiness, c)) {
        Probes.Result r =
            forced == null
                ? runProbe(c, readiness)
                : new Probes.Result(forced, forced ? "" : "HTTP probe failed with statuscode: 503");
        c.readiness.record(readiness, r);
        if (!r.success()) {
          event("Warning", "Unhealthy", "Readiness probe failed: " + r.output(), c);
        }
      }
      wakeAt(c.readiness.nextAt);
      c.ready = c.readiness.passed;
    } else {
      c.ready = forced == null || forced;
    }
  }

  /** Whether the probe is due; schedules its next run when it is. */
  private boolean due(Probes.State s, JsonNode probe, ContainerRuntime c) {
    if (s.nextAt == null) {
      s.nextAt = c.startedAt.plus(Probes.initialDelay(probe));
    }
    if (now.isBefore(s.nextAt)) {
      return false;
    }
    s.nextAt = now.plus(Probes.period(probe));
    return true;
  }

  private Probes.Result runProbe(ContainerRuntime c, JsonNode probe) {
    if (probe.has("exec")) {
      List<String> argv = new ArrayList<>();
      for (JsonNode a : probe.path("exec").path("command")) {
        argv.add(a.asString(""));
      }
      Map<String, String> env = ContainerEnv.of(c.spec, pod, node, ip);
      Processes.Outcome o =
          Processes.runToCompletion(argv, context(c, env), now, Probes.timeout(probe));
      if (o.timedOut()) {
        return new Probes.Result(false, "command \"" + String.join(" ", argv) + "\" timed out");
      }
      return new Probes.Result(o.exitCode() == 0, o.output().strip());
    }
    if (probe.has("httpGet")) {
      JsonNode h = probe.path("httpGet");
      int port = port(c, h.get("port"));
      String url =
          h.path("scheme").asString("HTTP").toLowerCase()
              + "://"
              + ip
              + ":"
              + port
              + h.path("path").asString("/");
      if (!serves(c, h.get("port"))) {
        return new Probes.Result(
            false,
            "Get \"" + url + "\": dial tcp " + ip + ":" + port + ": connect: connection refused");
      }
      ImageCatalog.Image image = ImageCatalog.lookup(ImageRef.parse(c.image()), args(c));
      if (image != null
          && image.healthyFor() != null
          && Duration.between(c.startedAt, now).compareTo(image.healthyFor()) > 0) {
        return new Probes.Result(false, "HTTP probe failed with statuscode: 500");
      }
      return new Probes.Result(true, "");
    }
    if (probe.has("tcpSocket") || probe.has("grpc")) {
      JsonNode h = probe.has("tcpSocket") ? probe.path("tcpSocket") : probe.path("grpc");
      int port = port(c, h.get("port"));
      if (!serves(c, h.get("port"))) {
        return new Probes.Result(
            false, "dial tcp " + ip + ":" + port + ": connect: connection refused");
      }
      return new Probes.Result(true, "");
    }
    return new Probes.Result(true, "");
  }

  private static int port(ContainerRuntime c, JsonNode port) {
    if (port == null) {
      return 0;
    }
    if (port.isNumber()) {
      return port.asInt();
    }
    String name = port.asString("");
    for (JsonNode p : c.spec.path("ports")) {
      if (p.path("name").asString("").equals(name)) {
        return p.path("containerPort").asInt();
      }
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether something in the container answers on the port: a server image's known ports. */
  private boolean serves(ContainerRuntime c, JsonNode portNode) {
    if (!c.server || c.phase == Phase.STOPPING) {
      return false;
    }
    int port = port(c, portNode);
    ImageRef ref = ImageRef.parse(c.image());
    ImageCatalog.Image image = ImageCatalog.lookup(ref, args(c));
    if (image != null && (image.ports().isEmpty() || image.ports().contains(port))) {
      return true;
    }
    ImageStore.Loaded loaded = node.images().loaded(ref);
    if (loaded != null && (loaded.ports().isEmpty() || loaded.ports().contains(port))) {
      return true;
    }
    for (JsonNode p : c.spec.path("ports")) {
      if (p.path("containerPort").asInt() == port) {
        return true;
      }
    }
    return false;
  }

  // ---- status -----------------------------------------------------------------------------

  private void event(String type, String reason, String message, ContainerRuntime c) {
    String field =
        c == null ? null : (c.init ? "spec.initContainers{" : "spec.containers{") + c.name + "}";
    node.event(pod, type, reason, message, field);
  }

  private ObjectNode status() {
    ObjectNode old = pod.path("status") instanceof ObjectNode o ? o : Json.object();
    ObjectNode s = Json.object();
    s.put("phase", phase());
    ArrayNode conditions = s.putArray("conditions");
    boolean sandbox = ip != null && !ip.isEmpty() && volumes != null;
    boolean initialized = true;
    List<String> incomplete = new ArrayList<>();
    for (ContainerRuntime c : inits) {
      if (c.sidecar ? !c.started : !c.succeeded()) {
        initialized = false;
        incomplete.add(c.name);
      }
    }
    List<String> unready = new ArrayList<>();
    for (ContainerRuntime c : apps) {
      if (!c.ready) {
        unready.add(c.name);
      }
    }
    for (ContainerRuntime c : inits) {
      if (c.sidecar && !c.ready) {
        unready.add(c.name);
      }
    }
    boolean terminal =
        s.path("phase").asString("").equals("Succeeded")
            || s.path("phase").asString("").equals("Failed");
    condition(conditions, "PodReadyToStartContainers", sandbox && !terminal, null, null);
    condition(
        conditions,
        "Initialized",
        initialized,
        initialized ? null : "ContainersNotInitialized",
        initialized
            ? null
            : "containers with incomplete status: [" + String.join(" ", incomplete) + "]");
    boolean ready = unready.isEmpty() && initialized && !terminating;
    String why = terminal ? "PodCompleted" : "ContainersNotReady";
    String message = "containers with unready status: [" + String.join(" ", unready) + "]";
    condition(conditions, "Ready", ready, ready ? null : why, ready || terminal ? null : message);
    condition(
        conditions,
        "ContainersReady",
        ready,
        ready ? null : why,
        ready || terminal ? null : message);
    for (JsonNode c : old.path("conditions")) {
      if (c.path("type").asString("").equals("PodScheduled")) {
        conditions.add(c.deepCopy());
      }
    }
    s.put("hostIP", node.hostIp());
    s.putArray("hostIPs").addObject().put("ip", node.hostIp());
    if (sandbox) {
      s.put("podIP", ip);
      s.putArray("podIPs").addObject().put("ip", ip);
    }
    s.put("startTime", Json.timestamp(startTime));
    if (!inits.isEmpty()) {
      ArrayNode is = s.putArray("initContainerStatuses");
      for (ContainerRuntime c : inits) {
        is.add(c.status());
      }
    }
    ArrayNode cs = s.putArray("containerStatuses");
    List<ContainerRuntime> sorted = new ArrayList<>(apps);
    sorted.sort((a, b) -> a.name.compareTo(b.name));
    for (ContainerRuntime c : sorted) {
      cs.add(c.status());
    }
    if (old.has("qosClass")) {
      s.set("qosClass", old.get("qosClass"));
    }
    return s;
  }

  private void condition(ArrayNode out, String type, boolean ok, String reason, String message) {
    String status = ok ? "True" : "False";
    String[] prev = conditionTimes.get(type);
    String time;
    if (prev != null && prev[0].equals(status)) {
      time = prev[1];
    } else {
      time = Json.timestamp(now);
      conditionTimes.put(type, new String[] {status, time});
    }
    ObjectNode c = out.addObject();
    c.put("type", type);
    c.put("status", status);
    c.putNull("lastProbeTime");
    c.put("lastTransitionTime", time);
    if (reason != null) {
      c.put("reason", reason);
    }
    if (message != null) {
      c.put("message", message);
    }
  }

  private String phase() {
    for (ContainerRuntime c : inits) {
      if (!c.sidecar && c.phase == Phase.DONE && !c.succeeded()) {
        return "Failed";
      }
    }
    boolean allDone = !apps.isEmpty();
    boolean anyFailed = false;
    boolean anyStarted = false;
    for (ContainerRuntime c : apps) {
      if (c.phase != Phase.DONE) {
        allDone = false;
      } else if (!c.succeeded()) {
        anyFailed = true;
      }
      if (c.startedAt != null) {
        anyStarted = true;
      }
    }
    if (allDone && !terminating) {
      return anyFailed ? "Failed" : "Succeeded";
    }
    if (anyStarted) {
      return "Running";
    }
    return "Pending";
  }

  /** Logs of a container: the current run, or the previous one. */
  ContainerLog log(String container, boolean previous) {
    ContainerRuntime c = container(container);
    if (c == null) {
      return null;
    }
    return previous ? c.previousLog : c.log;
  }

  Map<String, Volume> volumes() {
    return volumes == null ? Map.of() : volumes;
  }

  ObjectNode pod() {
    return pod;
  }
}
