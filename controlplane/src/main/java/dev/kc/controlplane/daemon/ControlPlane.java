package dev.kc.controlplane.daemon;

import dev.kc.controlplane.apiserver.ClusterOps;
import dev.kc.controlplane.clock.Clock;
import dev.kc.controlplane.clock.VirtualClock;
import dev.kc.controlplane.controller.Controller;
import dev.kc.controlplane.controller.deployment.DeploymentController;
import dev.kc.controlplane.controller.gc.GarbageCollector;
import dev.kc.controlplane.controller.replicaset.ReplicaSetController;
import dev.kc.controlplane.controller.scheduler.Scheduler;
import dev.kc.controlplane.events.EventRecorder;
import dev.kc.controlplane.informer.Informers;
import dev.kc.controlplane.kubelet.ContainerLog;
import dev.kc.controlplane.kubelet.Faults;
import dev.kc.controlplane.kubelet.ImageStore;
import dev.kc.controlplane.kubelet.Kubelet;
import dev.kc.controlplane.kubelet.KubeletConfig;
import dev.kc.controlplane.kubelet.Nodes;
import dev.kc.controlplane.objects.ApiException;
import dev.kc.controlplane.objects.DeleteOptions;
import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.objects.ObjectService;
import dev.kc.controlplane.registry.ResourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running cluster: informers, controllers, scheduler and simulated kubelets around one {@link
 * ObjectService}, and the {@code /kc/v1} operations on them.
 */
final class ControlPlane implements ClusterOps, AutoCloseable {
  private final ObjectService objects;
  private final Clock clock;
  private final VirtualClock virtual;
  private final Informers informers;
  private final EventRecorder events;
  private final ImageStore images;
  private final Faults faults = new Faults();
  private final Kubelet kubelet;
  private final Nodes nodes;
  private final List<Controller> controllers = new ArrayList<>();

  ControlPlane(ObjectService objects, Path imagesFile, KubeletConfig kubeletConfig) {
    this.objects = objects;
    this.clock = objects.clock();
    this.virtual = clock instanceof VirtualClock v ? v : null;
    this.informers = new Informers(objects, clock.activity());
    this.events = new EventRecorder(objects);
    this.images = new ImageStore(imagesFile);
    this.nodes = new Nodes(objects);
    this.kubelet = new Kubelet(informers, objects, events, clock, images, faults, kubeletConfig);
    controllers.add(kubelet);
    controllers.add(new Scheduler(informers, objects, events, clock));
    controllers.add(new ReplicaSetController(informers, objects, events, clock));
    controllers.add(new DeploymentController(informers, objects, events, clock));
    controllers.add(new GarbageCollector(informers, objects, events, clock));
  }

  /** Creates the default nodes on first start, fills the caches and starts every controller. */
  void start(int workers) {
    nodes.bootstrap(workers);
    informers.start();
    for (Controller c : controllers) {
      c.start();
    }
  }

  Kubelet kubelet() {
    return kubelet;
  }

  // ---- ClusterOps -------------------------------------------------------------------------

  @Override
  public ObjectNode clock() {
    ObjectNode out = Json.object();
    out.put("time", clock.now().toString());
    out.put("mode", virtual != null ? "virtual" : "real");
    return out;
  }

  @Override
  public ObjectNode advance(Duration by) {
    if (virtual == null) {
      throw ApiException.badRequest(
          "the clock is real; start the daemon with --clock virtual to move time by hand");
    }
    try {
      virtual.advance(by);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.internal("interrupted while advancing the clock");
    }
    return clock();
  }

  @Override
  public ObjectNode images() {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("images");
    for (ImageStore.Loaded l : images.list()) {
      ObjectNode i = list.addObject();
      i.put("name", l.name());
      ArrayNode ports = i.putArray("ports");
      l.ports().forEach(ports::add);
      i.put("loadedAt", Json.timestamp(l.loadedAt()));
    }
    return out;
  }

  @Override
  public void loadImages(List<String> names, List<Integer> ports) {
    images.load(names, ports, clock.now());
  }

  @Override
  public List<String> removeImages(List<String> names) {
    return images.remove(names);
  }

  @Override
  public void setUnpullable(String image, boolean broken) {
    images.setUnpullable(image, broken);
    kubelet.resyncAll();
  }

  @Override
  public ObjectNode addNode(ObjectNode spec) {
    String name = spec.path("name").asString("");
    if (name.isEmpty()) {
      throw ApiException.badRequest("a node needs a name");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String k : spec.path("labels").propertyNames()) {
      labels.put(k, spec.path("labels").path(k).asString(""));
    }
    List<String> taints = new ArrayList<>();
    for (JsonNode t : spec.path("taints")) {
      taints.add(t.asString(""));
    }
    return nodes.add(
        new Nodes.Spec(
            name,
            spec.path("cpu").asString("8"),
            spec.path("memory").asString("16Gi"),
            labels,
            taints,
            false));
  }

  @Override
  public void removeNode(String name) {
    ResourceType nodeType = objects.registry().byResource("", "v1", "nodes").orElseThrow();
    objects.delete(nodeType, "v1", "", name, DeleteOptions.DEFAULT);
  }

  @Override
  public void setNodeDown(String name, boolean down) {
    ResourceType nodeType = objects.registry().byResource("", "v1", "nodes").orElseThrow();
    objects.getEntry(nodeType, "", name);
    kubelet.setNodeDown(name, down);
  }

  @Override
  public ObjectNode exec(String namespace, String pod, String container, List<String> argv) {
    Kubelet.ExecResult r = kubelet.exec(namespace, pod, container, argv, Duration.ofMinutes(10));
    ObjectNode out = Json.object();
    out.put("exitCode", r.exitCode());
    out.put("output", r.output());
    return out;
  }

  @Override
  public ContainerLog log(String namespace, String pod, String container, boolean previous) {
    return kubelet.logs(namespace, pod, container, previous);
  }

  @Override
  public void crash(String namespace, String pod, String container, int exitCode) {
    faults.crash(namespace + "/" + pod, containerOrDefault(namespace, pod, container), exitCode);
    kubelet.enqueue(namespace + "/" + pod);
  }

  @Override
  public void readiness(String namespace, String pod, String container, Boolean pass) {
    faults.readiness(namespace + "/" + pod, containerOrDefault(namespace, pod, container), pass);
    kubelet.enqueue(namespace + "/" + pod);
  }

  private String containerOrDefault(String namespace, String pod, String container) {
    ResourceType pods = objects.registry().byResource("", "v1", "pods").orElseThrow();
    JsonNode p = objects.get(pods, "v1", namespace, pod);
    if (container == null || container.isEmpty()) {
      return p.path("spec").path("containers").path(0).path("name").asString("");
    }
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : p.path("spec").path(list)) {
        if (c.path("name").asString("").equals(container)) {
          return container;
        }
      }
    }
    throw ApiException.badRequest("container " + container + " is not valid for pod " + pod);
  }

  @Override
  public List<String> resolve(String name) {
    return List.of();
  }

  @Override
  public void close() {
    for (Controller c : controllers) {
      c.close();
    }
    informers.stop();
  }
}
