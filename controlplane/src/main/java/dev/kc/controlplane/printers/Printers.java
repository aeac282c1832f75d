package dev.kc.controlplane.printers;

import dev.kc.api.LabelSelector;
import dev.kc.controlplane.objects.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The columns {@code kubectl get} shows for each kind, and how each row is filled, as a real API
 * server's Table printers do.
 */
public final class Printers {
  /** Fills one row's cells for an object, seen at a moment. */
  @FunctionalInterface
  interface Cells {
    List<Object> of(JsonNode obj, Instant now);
  }

  /** The columns of one kind and how to fill them. */
  public record Printer(List<Column> columns, Cells cells) {
    /** The row's cells: strings, integers, or {@code null} for an empty cell. */
    public List<Object> row(JsonNode obj, Instant now) {
      return cells.of(obj, now);
    }
  }

  private static final String CONTAINERS = "Names of each container in the template.";
  private static final String IMAGES = "Images referenced by each container in the template.";
  private static final String SELECTOR = "Label selector for pods.";

  private Printers() {}

  /** The printer for {@code kind}; a Name/Age printer for kinds without their own. */
  public static Printer forKind(String kind) {
    return switch (kind) {
      case "Pod" -> pods();
      case "Deployment" -> deployments();
      case "ReplicaSet" -> replicaSets();
      case "StatefulSet" -> statefulSets();
      case "DaemonSet" -> daemonSets();
      case "HorizontalPodAutoscaler" -> hpas();
      case "ControllerRevision" -> controllerRevisions();
      case "Event" -> events();
      case "Namespace" -> namespaces();
      case "Node" -> nodes();
      case "Service" -> services();
      case "Endpoints" -> endpoints();
      case "ConfigMap" -> configMaps();
      case "Secret" -> secrets();
      case "PersistentVolumeClaim" -> claims();
      case "PersistentVolume" -> volumes();
      default ->
          new Printer(
              List.of(Column.nameColumn(), Column.age()),
              (o, now) -> List.of(name(o), age(o, now)));
    };
  }

  // ---- helpers ----------------------------------------------------------------------------

  static String name(JsonNode o) {
    return Json.at(o, "metadata", "name").asString("");
  }

  static String age(JsonNode o, Instant now) {
    return Durations.age(Json.parseTime(Json.at(o, "metadata", "creationTimestamp")), now);
  }

  private static int integer(JsonNode o, String... path) {
    return Json.at(o, path).asInt(0);
  }

  private static String orNone(String s) {
    return s == null || s.isEmpty() ? "<none>" : s;
  }

  private static String containerNames(JsonNode podSpec) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : podSpec.path("containers")) {
      out.add(c.path("name").asString(""));
    }
    return String.join(",", out);
  }

  private static String images(JsonNode podSpec) {
    List<String> out = new ArrayList<>();
    for (JsonNode c : podSpec.path("containers")) {
      out.add(c.path("image").asString(""));
    }
    return String.join(",", out);
  }

  private static String selector(JsonNode selector) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return "<none>";
    }
    try {
      String s = LabelSelector.fromJson(selector).toString();
      return s.isEmpty() ? "<none>" : s;
    } catch (IllegalArgumentException e) {
      return "<error>";
    }
  }

  private static String mapSelector(JsonNode map) {
    if (map == null || !map.isObject() || map.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    for (String k : new TreeSet<>(map.propertyNames())) {
      parts.add(k + "=" + map.get(k).asString(""));
    }
    return String.join(",", parts);
  }

  /** The wide columns of workloads with a pod template: Containers, Images and Selector. */
  private static List<Column> templateColumns(boolean selector, Column... lead) {
    List<Column> out = new ArrayList<>(List.of(lead));
    out.add(Column.wide("Containers", CONTAINERS));
    out.add(Column.wide("Images", IMAGES));
    if (selector) {
      out.add(Column.wide("Selector", SELECTOR));
    }
    return out;
  }

  /** A workload's row: its own cells, then the template's containers, images (and selector). */
  private static List<Object> templateRow(JsonNode o, boolean selector, Object... lead) {
    JsonNode podSpec = Json.at(o, "spec", "template", "spec");
    List<Object> out = new ArrayList<>(Arrays.asList(lead));
    out.add(containerNames(podSpec));
    out.add(images(podSpec));
    if (selector) {
      out.add(selector(Json.at(o, "spec", "selector")));
    }
    return out;
  }

  // ---- workloads --------------------------------------------------------------------------

  private static Printer pods() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text(
                "Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.text("Status", "The aggregate status of the containers in this pod."),
            Column.text(
                "Restarts",
                "The number of times the containers in this pod have been"
                    + " restarted and when the last container in this pod has restarted."),
            Column.age(),
            Column.wide(
                "IP",
                "IP address allocated to the pod. Routable at least within the"
                    + " cluster. Empty if not yet allocated."),
            Column.wide("Node", "Name of the Node this pod is scheduled on."),
            Column.wide(
                "Nominated Node",
                "nominatedNodeName is set when this pod preempts other"
                    + " pods on the node, but it cannot be scheduled right away as preemption"
                    + " victims receive their graceful termination periods."),
            Column.wide(
                "Readiness Gates",
                "If specified, all readiness gates will be evaluated" + " for pod readiness.")),
        (o, now) -> {
          PodStatus s = PodStatus.of(o);
          return Arrays.asList(
              name(o),
              s.ready + "/" + s.total,
              s.reason,
              s.restartsText(now),
              age(o, now),
              orNone(Json.at(o, "status", "podIP").asString("")),
              orNone(Json.at(o, "spec", "nodeName").asString("")),
              orNone(Json.at(o, "status", "nominatedNodeName").asString("")),
              readinessGates(o));
        });
  }

  private static String readinessGates(JsonNode pod) {
    JsonNode gates = Json.at(pod, "spec", "readinessGates");
    if (gates.size() == 0) {
      return "<none>";
    }
    int ok = 0;
    for (JsonNode g : gates) {
      String type = g.path("conditionType").asString("");
      for (JsonNode c : Json.at(pod, "status", "conditions")) {
        if (c.path("type").asString("").equals(type)
            && c.path("status").asString("").equals("True")) {
          ok++;
        }
      }
    }
    return ok + "/" + gates.size();
  }

  private static Printer deployments() {
    return new Printer(
        templateColumns(
            true,
            Column.nameColumn(),
            Column.text("Ready", "Number of the pod with ready state"),
            Column.integer(
                "Up-to-date",
                "Total number of non-terminated pods targeted by this"
                    + " deployment that have the desired template spec."),
            Column.integer(
                "Available",
                "Total number of available pods (ready for at least"
                    + " minReadySeconds) targeted by this deployment."),
            Column.age()),
        (o, now) -> {
          return templateRow(
              o,
              true,
              name(o),
              integer(o, "status", "readyReplicas") + "/" + integer(o, "spec", "replicas"),
              integer(o, "status", "updatedReplicas"),
              integer(o, "status", "availableReplicas"),
              age(o, now));
        });
  }

  private static Printer replicaSets() {
    return new Printer(
        templateColumns(
            true,
            Column.nameColumn(),
            Column.integer("Desired", "Number of desired pods."),
            Column.integer("Current", "Number of actual pods."),
            Column.integer("Ready", "Number of ready pods."),
            Column.age()),
        (o, now) -> {
          return templateRow(
              o,
              true,
              name(o),
              integer(o, "spec", "replicas"),
              integer(o, "status", "replicas"),
              integer(o, "status", "readyReplicas"),
              age(o, now));
        });
  }

  private static Printer statefulSets() {
    return new Printer(
        templateColumns(
            false,
            Column.nameColumn(),
            Column.text("Ready", "Number of the pod with ready state"),
            Column.age()),
        (o, now) -> {
          return templateRow(
              o,
              false,
              name(o),
              integer(o, "status", "readyReplicas") + "/" + integer(o, "spec", "replicas"),
              age(o, now));
        });
  }

  private static Printer daemonSets() {
    return new Printer(
        templateColumns(
            true,
            Column.nameColumn(),
            Column.integer(
                "Desired",
                "The desired number of nodes that should be running the" + " daemon pod."),
            Column.integer(
                "Current",
                "The number of nodes running at least one daemon pod that" + " are supposed to."),
            Column.integer(
                "Ready",
                "The number of nodes that should be running the daemon pod"
                    + " and have one or more of the daemon pod running and ready."),
            Column.integer(
                "Up-to-date", "The total number of nodes that are running updated" + " daemon pod"),
            Column.integer(
                "Available",
                "The number of nodes that should be running the daemon"
                    + " pod and have one or more of the daemon pod running and available (ready for"
                    + " at least spec.minReadySeconds)"),
            Column.text(
                "Node Selector",
                "NodeSelector is a selector which must be true for the" + " pod to fit on a node."),
            Column.age()),
        (o, now) -> {
          JsonNode podSpec = Json.at(o, "spec", "template", "spec");
          return templateRow(
              o,
              true,
              name(o),
              integer(o, "status", "desiredNumberScheduled"),
              integer(o, "status", "currentNumberScheduled"),
              integer(o, "status", "numberReady"),
              integer(o, "status", "updatedNumberScheduled"),
              integer(o, "status", "numberAvailable"),
              mapSelector(podSpec.path("nodeSelector")),
              age(o, now));
        });
  }

  private static Printer hpas() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Reference", "The reference to the scaled resource."),
            Column.text("Targets", "The current and target metric values."),
            Column.text(
                "MinPods",
                "The lower limit for the number of pods that can be set by the"
                    + " autoscaler, default 1."),
            Column.integer(
                "MaxPods",
                "The upper limit for the number of pods that can be set by"
                    + " the autoscaler; cannot be smaller than MinReplicas."),
            Column.integer(
                "Replicas", "Current number of replicas of pods managed by this" + " autoscaler."),
            Column.age()),
        (o, now) -> {
          JsonNode ref = Json.at(o, "spec", "scaleTargetRef");
          JsonNode min = Json.at(o, "spec", "minReplicas");
          return Arrays.asList(
              name(o),
              ref.path("kind").asString("") + "/" + ref.path("name").asString(""),
              HpaTargets.describe(o),
              min.isNumber() ? Integer.toString(min.asInt()) : "<unset>",
              integer(o, "spec", "maxReplicas"),
              integer(o, "status", "currentReplicas"),
              age(o, now));
        });
  }

  private static Printer controllerRevisions() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Controller", "Controller of the object"),
            Column.integer("Revision", "Revision of the ControllerRevision"),
            Column.age()),
        (o, now) -> {
          String controller = "<none>";
          for (JsonNode ref : Json.at(o, "metadata", "ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
              String group = Json.text(ref, "apiVersion");
              int slash = group.indexOf('/');
              group = slash < 0 ? "" : "." + group.substring(0, slash);
              controller =
                  ref.path("kind").asString("").toLowerCase()
                      + group
                      + "/"
                      + ref.path("name").asString("");
            }
          }
          return Arrays.asList(name(o), controller, Json.at(o, "revision").asLong(0), age(o, now));
        });
  }

  // ---- cluster and config -----------------------------------------------------------------

  private static Printer events() {
    return new Printer(
        List.of(
            Column.text("Last Seen", "Time when last event occurred"),
            Column.text(
                "Type",
                "Type of this event (Normal, Warning), new types could be added in"
                    + " the future."),
            Column.text("Reason", "Reason is why the action was taken. It is human-readable."),
            Column.text(
                "Object",
                "The object that this event is about. Mapped from" + " event.involvedObject."),
            Column.wide("Subobject", "Subobject of the object this event is about."),
            Column.wide(
                "Source",
                "The component reporting this event. Should be a short machine"
                    + " understandable string."),
            Column.text(
                "Message", "A human-readable description of the status of this" + " operation."),
            Column.wide("First Seen", "Time when first event occurred"),
            Column.wide("Count", "The number of times this event has occurred."),
            new Column("Name", "string", "name", 1, "Name of the event.")),
        (o, now) -> {
          JsonNode inv = o.path("involvedObject");
          Instant last = Json.parseTime(o.get("lastTimestamp"));
          if (last == null) {
            last = Json.parseTime(o.get("eventTime"));
          }
          Instant first = Json.parseTime(o.get("firstTimestamp"));
          if (first == null) {
            first = Json.parseTime(o.get("eventTime"));
          }
          String source = o.path("source").path("component").asString("");
          String host = o.path("source").path("host").asString("");
          if (source.isEmpty()) {
            source = o.path("reportingComponent").asString("");
          }
          if (!host.isEmpty()) {
            source = source + ", " + host;
          }
          int count = o.path("count").asInt(0);
          return Arrays.asList(
              last == null ? "<unknown>" : Durations.age(last, now),
              o.path("type").asString(""),
              o.path("reason").asString(""),
              inv.path("kind").asString("").toLowerCase() + "/" + inv.path("name").asString(""),
              inv.path("fieldPath").asString(""),
              source,
              o.path("message").asString("").strip(),
              first == null ? "<unknown>" : Durations.age(first, now),
              Integer.toString(count),
              name(o));
        });
  }

  private static Printer namespaces() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Status", "The status of the namespace"),
            Column.age()),
        (o, now) -> List.of(name(o), Json.at(o, "status", "phase").asString(""), age(o, now)));
  }

  private static Printer nodes() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Status", "The status of the node"),
            Column.text("Roles", "The roles of the node"),
            Column.age(),
            Column.text("Version", "Kubelet Version reported by the node."),
            Column.wide(
                "Internal-IP",
                "List of addresses reachable to the node. Queried from"
                    + " cloud provider, if available."),
            Column.wide(
                "External-IP",
                "List of addresses reachable to the node. Queried from"
                    + " cloud provider, if available."),
            Column.wide(
                "OS-Image",
                "OS Image reported by the node from /etc/os-release (e.g."
                    + " Debian GNU/Linux 7 (wheezy))."),
            Column.wide(
                "Kernel-Version",
                "Kernel Version reported by the node from 'uname -r'"
                    + " (e.g. 3.16.0-0.bpo.4-amd64)."),
            Column.wide(
                "Container-Runtime",
                "ContainerRuntime Version reported by the node"
                    + " through runtime remote API (e.g. containerd://1.4.2).")),
        (o, now) -> {
          JsonNode info = Json.at(o, "status", "nodeInfo");
          return Arrays.asList(
              name(o),
              nodeStatus(o),
              nodeRoles(o),
              age(o, now),
              info.path("kubeletVersion").asString(""),
              orNone(nodeAddress(o, "InternalIP")),
              orNone(nodeAddress(o, "ExternalIP")),
              orNone(info.path("osImage").asString("")),
              orNone(info.path("kernelVersion").asString("")),
              orNone(info.path("containerRuntimeVersion").asString("")));
        });
  }

  private static String nodeStatus(JsonNode node) {
    String status = "Unknown";
    for (JsonNode c : Json.at(node, "status", "conditions")) {
      if (c.path("type").asString("").equals("Ready")) {
        status = c.path("status").asString("").equals("True") ? "Ready" : "NotReady";
      }
    }
    if (Json.at(node, "spec", "unschedulable").asBoolean(false)) {
      status += ",SchedulingDisabled";
    }
    return status;
  }

  private static String nodeRoles(JsonNode node) {
    TreeSet<String> roles = new TreeSet<>();
    JsonNode labels = Json.at(node, "metadata", "labels");
    for (String k : labels.propertyNames()) {
      if (k.startsWith("node-role.kubernetes.io/")) {
        String role = k.substring("node-role.kubernetes.io/".length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (k.equals("kubernetes.io/role")) {
        roles.add(labels.get(k).asString(""));
      }
    }
    return roles.isEmpty() ? "<none>" : String.join(",", roles);
  }

  private static String nodeAddress(JsonNode node, String type) {
    for (JsonNode a : Json.at(node, "status", "addresses")) {
      if (a.path("type").asString("").equals(type)) {
        return a.path("address").asString("");
      }
    }
    return "";
  }

  private static Printer services() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Type", "The type of the service."),
            Column.text("Cluster-IP", "The IP address of the service."),
            Column.text("External-IP", "The external IP address of the service."),
            Column.text("Port(s)", "The ports of the service."),
            Column.age(),
            Column.wide("Selector", "The label selector of the service.")),
        (o, now) -> {
          JsonNode spec = o.path("spec");
          String type = spec.path("type").asString("ClusterIP");
          return Arrays.asList(
              name(o),
              type,
              orNone(spec.path("clusterIP").asString("")),
              externalIp(o, type),
              servicePorts(spec),
              age(o, now),
              mapSelector(spec.path("selector")));
        });
  }

  private static String externalIp(JsonNode svc, String type) {
    List<String> ips = new ArrayList<>();
    for (JsonNode ip : Json.at(svc, "spec", "externalIPs")) {
      ips.add(ip.asString(""));
    }
    switch (type) {
      case "LoadBalancer" -> {
        List<String> lb = new ArrayList<>();
        for (JsonNode ing : Json.at(svc, "status", "loadBalancer", "ingress")) {
          String v = ing.path("ip").asString(ing.path("hostname").asString(""));
          if (!v.isEmpty()) {
            lb.add(v);
          }
        }
        lb.addAll(ips);
        return lb.isEmpty() ? "<pending>" : String.join(",", lb);
      }
      case "ExternalName" -> {
        return Json.at(svc, "spec", "externalName").asString("");
      }
      default -> {
        return ips.isEmpty() ? "<none>" : String.join(",", ips);
      }
    }
  }

  private static String servicePorts(JsonNode spec) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : spec.path("ports")) {
      String port = Integer.toString(p.path("port").asInt());
      if (p.path("nodePort").asInt(0) > 0) {
        port += ":" + p.path("nodePort").asInt();
      }
      out.add(port + "/" + p.path("protocol").asString("TCP"));
    }
    return out.isEmpty() ? "<none>" : String.join(",", out);
  }

  private static Printer endpoints() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Endpoints", "Endpoints of the resource."),
            Column.age()),
        (o, now) -> {
          List<String> out = new ArrayList<>();
          for (JsonNode subset : o.path("subsets")) {
            for (JsonNode addr : subset.path("addresses")) {
              if (subset.path("ports").isEmpty()) {
                out.add(addr.path("ip").asString(""));
              }
              for (JsonNode port : subset.path("ports")) {
                out.add(addr.path("ip").asString("") + ":" + port.path("port").asInt());
              }
            }
          }
          String text;
          if (out.isEmpty()) {
            text = "<none>";
          } else if (out.size() > 3) {
            text = String.join(",", out.subList(0, 3)) + " + " + (out.size() - 3) + " more...";
          } else {
            text = String.join(",", out);
          }
          return Arrays.asList(name(o), text, age(o, now));
        });
  }

  private static Printer configMaps() {
    return new Printer(
        List.of(Column.nameColumn(), Column.integer("Data", "Number of data items."), Column.age()),
        (o, now) ->
            Arrays.asList(
                name(o), o.path("data").size() + o.path("binaryData").size(), age(o, now)));
  }

  private static Printer secrets() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Type", "The type of the secret."),
            Column.integer("Data", "Number of data items."),
            Column.age()),
        (o, now) ->
            Arrays.asList(
                name(o), o.path("type").asString("Opaque"), o.path("data").size(), age(o, now)));
  }

  private static Printer claims() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Status", "The status of the claim."),
            Column.text("Volume", "The volume the claim is bound to."),
            Column.text("Capacity", "The capacity of the volume."),
            Column.text("Access Modes", "The access modes of the volume."),
            Column.text("StorageClass", "The storage class of the claim."),
            Column.text("VolumeAttributesClass", "The volume attributes class of the claim."),
            Column.age(),
            Column.wide("VolumeMode", "The volume mode of the claim.")),
        (o, now) -> {
          boolean bound = Json.at(o, "status", "phase").asString("").equals("Bound");
          String phase = Json.at(o, "status", "phase").asString("");
          if (!Json.at(o, "metadata", "deletionTimestamp").isMissingNode()) {
            phase = "Terminating";
          }
          return Arrays.asList(
              name(o),
              phase,
              Json.at(o, "spec", "volumeName").asString(""),
              bound ? Json.at(o, "status", "capacity", "storage").asString("") : "",
              bound ? accessModes(Json.at(o, "status", "accessModes")) : "",
              Json.at(o, "spec", "storageClassName").asString(""),
              unset(Json.at(o, "spec", "volumeAttributesClassName")),
              age(o, now),
              unset(Json.at(o, "spec", "volumeMode")));
        });
  }

  private static Printer volumes() {
    return new Printer(
        List.of(
            Column.nameColumn(),
            Column.text("Capacity", "The capacity of the volume."),
            Column.text("Access Modes", "The access modes of the volume."),
            Column.text("Reclaim Policy", "The reclaim policy of the volume."),
            Column.text("Status", "The status of the volume."),
            Column.text("Claim", "The claim bound to the volume."),
            Column.text("StorageClass", "The storage class of the volume."),
            Column.text("VolumeAttributesClass", "The volume attributes class of the volume."),
            Column.text("Reason", "The reason for the volume's status."),
            Column.age(),
            Column.wide("VolumeMode", "The volume mode of the volume.")),
        (o, now) -> {
          JsonNode claim = Json.at(o, "spec", "claimRef");
          String claimText =
              claim.isObject()
                  ? claim.path("namespace").asString("") + "/" + claim.path("name").asString("")
                  : "";
          String phase = Json.at(o, "status", "phase").asString("");
          if (!Json.at(o, "metadata", "deletionTimestamp").isMissingNode()) {
            phase = "Terminating";
          }
          return Arrays.asList(
              name(o),
              Json.at(o, "spec", "capacity", "storage").asString(""),
              accessModes(Json.at(o, "spec", "accessModes")),
              Json.at(o, "spec", "persistentVolumeReclaimPolicy").asString(""),
              phase,
              claimText,
              Json.at(o, "spec", "storageClassName").asString(""),
              unset(Json.at(o, "spec", "volumeAttributesClassName")),
              Json.at(o, "status", "reason").asString(""),
              age(o, now),
              unset(Json.at(o, "spec", "volumeMode")));
        });
  }

  private static String unset(JsonNode v) {
    return v.isString() && !v.asString().isEmpty() ? v.asString() : "<unset>";
  }

  private static String accessModes(JsonNode modes) {
    Map<String, String> shortNames =
        Map.of(
            "ReadWriteOnce", "RWO",
            "ReadOnlyMany", "ROX",
            "ReadWriteMany", "RWX",
            "ReadWriteOncePod", "RWOP");
    List<String> out = new ArrayList<>();
    for (String mode :
        List.of("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")) {
      for (JsonNode m : modes) {
        if (m.asString("").equals(mode)) {
          out.add(shortNames.get(mode));
          break;
        }
      }
    }
    return String.join(",", out);
  }
}
