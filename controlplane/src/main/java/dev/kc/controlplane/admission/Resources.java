package dev.kc.controlplane.admission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Resource names and quantities: {@code validateResourceRequirements} for containers and the
 * quantity rules other kinds share ({@code ValidateResourceQuantityValue}, positivity).
 */
final class Resources {

  private static final Set<String> STANDARD_CONTAINER =
      Set.of("cpu", "memory", "ephemeral-storage");
  private static final Set<String> STANDARD =
      Set.of(
          "cpu",
          "memory",
          "ephemeral-storage",
          "requests.cpu",
          "requests.memory",
          "requests.ephemeral-storage",
          "limits.cpu",
          "limits.memory",
          "limits.ephemeral-storage",
          "pods",
          "services",
          "replicationcontrollers",
          "resourcequotas",
          "secrets",
          "configmaps",
          "persistentvolumeclaims",
          "storage",
          "requests.storage",
          "services.nodeports",
          "services.loadbalancers");
  private static final Set<String> INTEGER_RESOURCES =
      Set.of(
          "pods",
          "services",
          "replicationcontrollers",
          "resourcequotas",
          "secrets",
          "configmaps",
          "persistentvolumeclaims",
          "services.nodeports",
          "services.loadbalancers");
  private static final List<String> QOS = List.of("cpu", "memory");

  private Resources() {}

  /** Parses a JSON quantity; null when absent or unparsable (check() rejects those). */
  static Quantity quantity(JsonNode v) {
    if (v == null || !(v.isString() || v.isNumber())) {
      return null;
    }
    try {
      return Quantity.parse(v.isString() ? v.stringValue().strip() : v.asString());
    } catch (Quantity.QuantityException e) {
      return null;
    }
  }

  /** A ResourceList as name to quantity, in document order, unparsable values skipped. */
  static Map<String, Quantity> list(JsonNode n) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    if (n != null && n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        Quantity q = quantity(e.getValue());
        if (q != null) {
          out.put(e.getKey(), q);
        }
      }
    }
    return out;
  }

  /** Container resources: names, non-negative quantities, requests within limits. */
  static void container(List<FieldError> out, JsonNode resources, Path p) {
    Path limPath = p.child("limits");
    Path reqPath = p.child("requests");
    Map<String, Quantity> limits = list(Json.obj(resources, "limits"));
    Map<String, Quantity> requests = list(Json.obj(resources, "requests"));
    boolean limCpuMem = false;
    boolean reqCpuMem = false;
    boolean hugePages = false;
    for (Map.Entry<String, Quantity> e : limits.entrySet()) {
      Path fp = limPath.key(e.getKey());
      containerResourceName(out, e.getKey(), fp);
      quantityValue(out, e.getKey(), e.getValue(), fp);
      hugePages |= hugePage(out, e.getKey(), e.getValue(), fp);
      limCpuMem |= QOS.contains(e.getKey());
    }
    for (Map.Entry<String, Quantity> e : requests.entrySet()) {
      String name = e.getKey();
      Quantity q = e.getValue();
      Path fp = reqPath.key(name);
      containerResourceName(out, name, fp);
      quantityValue(out, name, q, fp);
      Quantity limit = limits.get(name);
      if (limit != null) {
        if (q.compareTo(limit) != 0 && !isOvercommitAllowed(name)) {
          out.add(
              Errors.invalid(
                  reqPath,
                  q.canonical(),
                  "must be equal to " + name + " limit of " + limit.canonical()));
        } else if (q.compareTo(limit) > 0) {
          out.add(
              Errors.invalid(
                  reqPath,
                  q.canonical(),
                  "must be less than or equal to " + name + " limit of " + limit.canonical()));
        }
      } else if (!isOvercommitAllowed(name)) {
        out.add(Errors.required(limPath, "Limit must be set for non overcommitable resources"));
      }
      hugePages |= hugePage(out, name, q, fp);
      reqCpuMem |= QOS.contains(name);
    }
    if (!limCpuMem && !reqCpuMem && hugePages) {
      out.add(Errors.forbidden(p, "HugePages require cpu or memory"));
    }
  }

  /** {@code ValidateResourceQuantityValue}: not negative; whole numbers for countable ones. */
  static void quantityValue(List<FieldError> out, String name, Quantity q, Path p) {
    if (q.signum() < 0) {
      out.add(Errors.invalid(p, q.canonical(), "must be greater than or equal to 0"));
    }
    if (isIntegerResource(name) && !q.isInteger()) {
      out.add(Errors.invalid(p, GoFmt.literal(q.canonical()), "must be an integer"));
    }
  }

  /** {@code ValidatePositiveQuantityValue}. */
  static void positive(List<FieldError> out, Quantity q, Path p) {
    if (q.signum() <= 0) {
      out.add(Errors.invalid(p, q.canonical(), "must be greater than zero"));
    }
  }

  private static boolean hugePage(List<FieldError> out, String name, Quantity q, Path p) {
    if (!name.startsWith("hugepages-")) {
      return false;
    }
    try {
      Quantity page = Quantity.parse(name.substring("hugepages-".length()));
      if (page.signum() <= 0 || q.value().remainder(page.value()).signum() != 0 || q.signum() < 0) {
        out.add(
            Errors.invalid(
                p, q.canonical(), q.canonical() + " is not positive integer multiple of " + name));
      }
    } catch (Quantity.QuantityException e) {
      // An unparsable page size is reported by the resource-name rules.
    }
    return true;
  }

  /** {@code validateContainerResourceName}: a standard container resource or extended name. */
  static void containerResourceName(List<FieldError> out, String name, Path p) {
    int before = out.size();
    resourceName(out, name, p);
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER.contains(name) && !name.startsWith("hugepages-")) {
        out.add(
            Errors.invalid(p, GoFmt.literal(name), "must be a standard resource for containers"));
      }
    } else if (out.size() == before && !isNative(name) && !isExtended(name)) {
      out.add(
          Errors.invalid(p, GoFmt.literal(name), "doesn't follow extended resource name standard"));
    }
  }

  /** {@code validateResourceName}: qualified, and standard unless domain-prefixed. */
  private static void resourceName(List<FieldError> out, String name, Path p) {
    List<String> msgs = Names.qualifiedName(name);
    if (!msgs.isEmpty()) {
      Errors.invalidEach(out, p, GoFmt.literal(name), msgs);
      return;
    }
    if (!name.contains("/")
        && !STANDARD.contains(name)
        && !name.startsWith("hugepages-")
        && !name.startsWith("requests.hugepages-")) {
      out.add(
          Errors.invalid(
              p, GoFmt.literal(name), "must be a standard resource type or fully qualified"));
    }
  }

  private static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  private static boolean isExtended(String name) {
    if (isNative(name) || name.startsWith("requests.")) {
      return false;
    }
    return Names.qualifiedName("requests." + name).isEmpty();
  }

  private static boolean isOvercommitAllowed(String name) {
    return isNative(name) && !name.startsWith("hugepages-");
  }

  private static boolean isIntegerResource(String name) {
    return INTEGER_RESOURCES.contains(name) || isExtended(name);
  }
}
