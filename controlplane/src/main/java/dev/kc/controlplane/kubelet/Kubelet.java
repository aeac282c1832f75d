package dev.kc.controlplane.kubelet;

import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.controller.Controller;
import dev.kc.controlplane.events.EventRecorder;
import dev.kc.controlplane.informer.Informer;
import dev.kc.controlplane.informer.Informers;
import dev.kc.controlplane.kubelet.sim.ProcessContext;
import dev.kc.controlplane.kubelet.sim.Volume;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulated kubelets of every simulated node: runs the pods bound to them (images, containers,
 * probes, hooks, graceful termination), reports pod and node status, and serves logs and exec. One
 * keyed work queue serializes the work of each pod.
 */
public final class Kubelet extends Controller {
  private static final Logger log = LoggerFactory.getLogger(Kubelet.class);
  private static final String COMPONENT = "kubelet";

  /** Resolves cluster DNS names for a pod; the default resolves nothing. */
  public interface Dns {
    List<String> resolve(ObjectNode pod, String name);
  }

  /** Storage behind bound claims; {@code null} from {@link #volume} means "not bound yet". */
  public interface ClaimVolumes {
    Volume volume(String namespace, String claimName);
  }

  private final ObjectService objects;
  private final EventRecorder events;
  private final ImageStore images;
  private final Faults faults;
  private final KubeletConfig config;
  private final Informer pods;
  private final Informer nodes;
  private final Informer configMaps;
  private final Informer secrets;
  private final ResourceType podType;
  private final ResourceType nodeType;
  private final Map<String, PodRuntime> runtimes = new ConcurrentHashMap<>();
  private final Map<String, Clock.Timer> wakeTimers = new ConcurrentHashMap<>();
  private final Map<String, Instant> wakeTimes = new ConcurrentHashMap<>();
  private final Map<String, Clock.Timer> heartbeats = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Volume>> hostPaths = new ConcurrentHashMap<>();
  private final PodIps ips = new PodIps();
  private volatile Dns dns = (pod, name) -> List.of();
  private volatile ClaimVolumes claims;

  public Kubelet(
      Informers informers,
      ObjectService objects,
      EventRecorder events,
      Clock clock,
      ImageStore images,
      Faults faults,
      KubeletConfig config) {
    super("kubelet", 4, clock);
    this.objects = objects;
    this.events = events;
    this.images = images;
    this.faults = faults;
    this.config = config;
    this.pods = informers.forKind("v1", "Pod");
    this.nodes = informers.forKind("v1", "Node");
    this.configMaps = informers.forKind("v1", "ConfigMap");
    this.secrets = informers.forKind("v1", "Secret");
    this.podType = pods.type();
    this.nodeType = nodes.type();
    this.claims = new InMemoryClaims(objects);
    pods.addHandler(
        new Informer.Handler() {
          @Override
          public void onAdd(ObjectNode obj) {
            enqueueIfBound(obj);
          }

          @Override
          public void onUpdate(ObjectNode old, ObjectNode obj) {
            enqueueIfBound(obj);
          }

          @Override
          public void onDelete(ObjectNode obj) {
            enqueue(Informer.keyOf(obj));
          }
        });
    nodes.addHandler(
        new Informer.Handler() {
          @Override
          public void onAdd(ObjectNode node) {
            nodeAdded(node);
          }

          @Override
          public void onDelete(ObjectNode node) {
            nodeRemoved(Json.at(node, "metadata", "name").asString(""));
          }
        });
    images.onChange(this::resyncAll);
  }

  public void setDns(Dns dns) {
    this.dns = dns;
  }

  public void setClaimVolumes(ClaimVolumes claims) {
    this.claims = claims;
  }

  public Faults faults() {
    return faults;
  }

  public ImageStore images() {
    return images;
  }

  private void enqueueIfBound(ObjectNode pod) {
    if (!Json.at(pod, "spec", "nodeName").asString("").isEmpty()) {
      enqueue(Informer.keyOf(pod));
    }
  }

  /** Re-syncs every bound pod, e.g. after images were loaded or a node came back. */
  public void resyncAll() {
    for (ObjectNode p : pods.list()) {
      enqueueIfBound(p);
    }
  }

  // ---- nodes ------------------------------------------------------------------------------

  private static boolean isSimulated(JsonNode node) {
    return Json.at(node, "metadata", "annotations", Nodes.SIMULATED).asString("").equals("true");
  }

  private void nodeAdded(ObjectNode node) {
    if (!isSimulated(node)) {
      return;
    }
    String name = Json.at(node, "metadata", "name").asString("");
    ips.setCidr(name, Json.at(node, "spec", "podCIDR").asString("10.244.0.0/24"));
    scheduleHeartbeat(name);
  }

  private void scheduleHeartbeat(String node) {
    Clock.Timer t = clock.after(config.heartbeat(), () -> heartbeat(node));
    Clock.Timer old = heartbeats.put(node, t);
    if (old != null) {
      old.cancel();
    }
  }

  /** Reports the node alive: refreshes the Ready condition (unless its kubelet is down). */
  public void heartbeat(String node) {
    if (nodes.get(node) == null) {
      heartbeats.remove(node);
      return;
    }
    scheduleHeartbeat(node);
    if (faults.isNodeDown(node)) {
      return;
    }
    String now = Json.timestamp(clock.now());
    try {
      objects.update(
          nodeType,
          "",
          node,
          "status",
          n -> {
            for (JsonNode c : Json.at(n, "status", "conditions")) {
              ObjectNode cond = (ObjectNode) c;
              cond.put("lastHeartbeatTime", now);
              boolean ready = cond.path("type").asString("").equals("Ready");
              String want = ready ? "True" : "False";
              if (!cond.path("status").asString("").equals(want)) {
                cond.put("status", want);
                cond.put("lastTransitionTime", now);
                if (ready) {
                  cond.put("reason", "KubeletReady");
                  cond.put("message", "kubelet is posting ready status");
                }
              }
            }
            return n;
          },
          COMPONENT);
    } catch (ApiException e) {
      log.debug("heartbeat of {} failed: {}", node, e.getMessage());
    }
  }

  /** Takes a node's kubelet down (no heartbeats, no pod work) or brings it back. */
  public void setNodeDown(String node, boolean down) {
    faults.nodeDown(node, down);
    if (!down) {
      heartbeat(node);
      resyncAll();
    }
  }

  /** A node is gone: its pods go too (Kubernetes' pod garbage collector). */
  private void nodeRemoved(String node) {
    Clock.Timer t = heartbeats.remove(node);
    if (t != null) {
      t.cancel();
    }
    hostPaths.remove(node);
    images.forgetNode(node);
    for (ObjectNode p : pods.byIndex(Informers.BY_NODE, node)) {
      try {
        objects.delete(
            podType,
            "v1",
            Json.at(p, "metadata", "namespace").asString(""),
            Json.at(p, "metadata", "name").asString(""),
            DeleteOptions.now());
      } catch (ApiException e) {
        log.debug(
            "removing pod {} of deleted node {}: {}", Informer.keyOf(p), node, e.getMessage());
      }
    }
    ips.forgetNode(node);
  }

  // ---- pods -------------------------------------------------------------------------------

  @Override
  protected void sync(String key) {
    ObjectNode pod = pods.get(key);
    if (pod == null) {
      PodRuntime gone = runtimes.remove(key);
      if (gone != null) {
        ips.release(nodeOf(gone.pod()), gone.uid);
      }
      cancelWake(key);
      return;
    }
    String nodeName = Json.at(pod, "spec", "nodeName").asString("");
    JsonNode node = nodes.get(nodeName);
    if (nodeName.isEmpty() || node == null || !isSimulated(node) || faults.isNodeDown(nodeName)) {
      return;
    }
    String uid = Json.at(pod, "metadata", "uid").asString("");
    PodRuntime rt = runtimes.get(key);
    String phase = Json.at(pod, "status", "phase").asString("");
    boolean finished = phase.equals("Succeeded") || phase.equals("Failed");
    boolean deleting = !Json.at(pod, "metadata", "deletionTimestamp").isMissingNode();
    if (rt == null && finished && !deleting) {
      // Completed before this kubelet started: nothing runs again.
      return;
    }
    if (rt == null || !rt.uid.equals(uid)) {
      rt = new PodRuntime(pod, services(nodeName));
      String reported = Json.at(pod, "status", "podIP").asString("");
      if (!reported.isEmpty()) {
        ips.adopt(nodeName, uid, reported);
      }
      runtimes.put(key, rt);
    }
    Instant now = clock.now();
    PodRuntime.Outcome out;
    synchronized (rt) {
      out = rt.sync(pod, now);
    }
    if (out.remove()) {
      runtimes.remove(key);
      cancelWake(key);
      deletePod(pod, uid);
      return;
    }
    writeStatus(pod, out.status());
    scheduleWake(key, out.wakeAt(), now);
  }

  private static String nodeOf(ObjectNode pod) {
    return pod == null ? "" : Json.at(pod, "spec", "nodeName").asString("");
  }

  private void deletePod(ObjectNode pod, String uid) {
    try {
      objects.delete(
          podType,
          "v1",
          Json.at(pod, "metadata", "namespace").asString(""),
          Json.at(pod, "metadata", "name").asString(""),
          new DeleteOptions(null, 0L, uid, null, false));
    } catch (ApiException e) {
      if (e.code() != 404 && e.code() != 409) {
        throw e;
      }
    }
  }

  private void writeStatus(ObjectNode pod, ObjectNode status) {
    JsonNode current = pod.get("status");
    if (status.equals(current)) {
      return;
    }
    objects.update(
        podType,
        Json.at(pod, "metadata", "namespace").asString(""),
        Json.at(pod, "metadata", "name").asString(""),
        "status",
        p -> {
          if (!Json.at(p, "metadata", "uid")
              .asString("")
              .equals(Json.at(pod, "metadata", "uid").asString(""))) {
            return p;
          }
          ObjectNode merged = status.deepCopy();
          // The scheduler owns PodScheduled; keep its latest word.
          JsonNode scheduled = null;
          for (JsonNode c : Json.at(p, "status", "conditions")) {
            if (c.path("type").asString("").equals("PodScheduled")) {
              scheduled = c;
            }
          }
          if (scheduled != null) {
            ArrayNode conds = (ArrayNode) merged.get("conditions");
            for (int i = conds.size() - 1; i >= 0; i--) {
              if (conds.get(i).path("type").asString("").equals("PodScheduled")) {
                conds.remove(i);
              }
            }
            conds.add(scheduled.deepCopy());
          }
          p.set("status", merged);
          return p;
        },
        COMPONENT);
  }

  /** Arranges the next sync of a pod at {@code at}, keeping only the earliest pending one. */
  private void scheduleWake(String key, Instant at, Instant now) {
    if (at == null) {
      return;
    }
    if (!at.isAfter(now)) {
      // Something wants to run again at once (a busy process yielding): throttle it.
      at = now.plus(Duration.ofSeconds(1));
    }
    Instant pending = wakeTimes.get(key);
    if (pending != null && !pending.isAfter(at) && pending.isAfter(now)) {
      return;
    }
    Instant when = at;
    Clock.Timer t =
        clock.schedule(
            when,
            () -> {
              wakeTimes.remove(key, when);
              enqueue(key);
            });
    wakeTimes.put(key, when);
    Clock.Timer old = wakeTimers.put(key, t);
    if (old != null) {
      old.cancel();
    }
  }

  private void cancelWake(String key) {
    Clock.Timer t = wakeTimers.remove(key);
    wakeTimes.remove(key);
    if (t != null) {
      t.cancel();
    }
  }

  // ---- per-node services ------------------------------------------------------------------

  private NodeServices services(String nodeName) {
    return new NodeServices() {
      @Override
      public String nodeName() {
        return nodeName;
      }

      @Override
      public String hostIp() {
        JsonNode n = nodes.get(nodeName);
        return n == null ? "" : Nodes.internalIp(n);
      }

      @Override
      public KubeletConfig config() {
        return config;
      }

      @Override
      public ImageStore images() {
        return images;
      }

      @Override
      public Faults faults() {
        return faults;
      }

      @Override
      public void event(ObjectNode pod, String type, String reason, String message, String field) {
        if (config.events()) {
          events.record(pod, type, reason, message, COMPONENT, nodeName, field);
        }
      }

      @Override
      public JsonNode object(String kind, String namespace, String name) {
        Informer i = kind.equals("Secret") ? secrets : configMaps;
        return i.get(namespace, name);
      }

      @Override
      public Volume hostPath(String path) {
        return hostPaths
            .computeIfAbsent(nodeName, n -> new ConcurrentHashMap<>())
            .computeIfAbsent(path, p -> new Volume());
      }

      @Override
      public Volume claim(String namespace, String claimName) {
        return claims.volume(namespace, claimName);
      }

      @Override
      public String allocateIp(String podUid) {
        return ips.allocate(nodeName, podUid);
      }

      @Override
      public void releaseIp(String podUid) {
        ips.release(nodeName, podUid);
      }

      @Override
      public Function<String, List<String>> resolver(ObjectNode pod) {
        return name -> dns.resolve(pod, name);
      }
    };
  }

  // ---- logs and exec ----------------------------------------------------------------------

  /** What {@code exec} produced. */
  public record ExecResult(int exitCode, String output) {}

  private PodRuntime runtime(String namespace, String pod) {
    PodRuntime rt = runtimes.get(namespace + "/" + pod);
    if (rt == null && pods.get(namespace, pod) == null) {
      throw ApiException.notFound(podType, pod);
    }
    if (rt == null) {
      throw ApiException.badRequest(
          "pod " + pod + " is not running on a node yet; wait until it is scheduled and started");
    }
    return rt;
  }

  private static String defaultContainer(PodRuntime rt, String container) {
    if (container != null && !container.isEmpty()) {
      return container;
    }
    List<ContainerRuntime> all = rt.containers();
    for (ContainerRuntime c : all) {
      if (!c.init) {
        return c.name;
      }
    }
    return all.isEmpty() ? "" : all.get(0).name;
  }

  /**
   * The log of a container (its current run, or the previous one).
   *
   * @throws ApiException 400 with kubectl's wording when there is nothing to show
   */
  public ContainerLog logs(String namespace, String pod, String container, boolean previous) {
    PodRuntime rt = runtime(namespace, pod);
    String name = defaultContainer(rt, container);
    ContainerRuntime c = rt.container(name);
    if (c == null) {
      throw ApiException.badRequest("container " + name + " is not valid for pod " + pod);
    }
    ContainerLog l = previous ? c.previousLog : c.log;
    if (l == null) {
      throw ApiException.badRequest(
          "previous terminated container \"" + name + "\" in pod \"" + pod + "\" not found");
    }
    if (!previous && c.startedAt == null) {
      throw ApiException.badRequest(
          "container \""
              + name
              + "\" in pod \""
              + pod
              + "\" is waiting to start: "
              + c.waitingReason);
    }
    return l;
  }

  /**
   * Runs a command in a running container, letting simulated time pass inside it instantly.
   *
   * @throws ApiException 400 when the container is not running
   */
  public ExecResult exec(
      String namespace, String pod, String container, List<String> argv, Duration limit) {
    PodRuntime rt = runtime(namespace, pod);
    String name = defaultContainer(rt, container);
    ContainerRuntime c = rt.container(name);
    if (c == null) {
      throw ApiException.badRequest("container " + name + " is not valid for pod " + pod);
    }
    synchronized (rt) {
      if (!c.isRunning() || c.fs == null) {
        throw ApiException.badRequest("container " + name + " is not running");
      }
      Map<String, String> env =
          ContainerEnv.of(c.spec, rt.pod(), services(nodeOf(rt.pod())), rt.ip);
      ProcessContext ctx =
          new ProcessContext(
              c.fs,
              env,
              Json.at(rt.pod(), "spec", "hostname").asString(pod),
              name2 -> dns.resolve(rt.pod(), name2),
              d -> {},
              d -> {},
              null);
      Processes.Outcome o = Processes.runToCompletion(argv, ctx, clock.now(), limit);
      if (o.timedOut()) {
        return new ExecResult(137, o.output());
      }
      return new ExecResult(o.exitCode(), o.output());
    }
  }

  /** The volumes of a running pod, by name (for tests and diagnostics). */
  public Map<String, Volume> volumes(String namespace, String pod) {
    return runtime(namespace, pod).volumes();
  }

  /** Names of pods this kubelet runs (for diagnostics). */
  public List<String> running() {
    return new ArrayList<>(runtimes.keySet());
  }
}
