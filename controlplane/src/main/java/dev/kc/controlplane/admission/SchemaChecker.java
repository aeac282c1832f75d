package dev.kc.controlplane.admission;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Type-checks a JSON object against the fabric8 model class of its kind, reporting mismatches the
 * way Kubernetes' JSON decoder (Go's {@code encoding/json}, forked as {@code sigs.k8s.io/json})
 * does, and collecting the paths of fields the schema does not know.
 *
 * <p>The fabric8 classes are the schema: each model class's {@code @JsonProperty} fields give the
 * JSON names and Java types, which map onto Go types ({@code Integer} is {@code int32}, {@code
 * Long} is {@code int64}, a model class {@code PodSpec} is {@code v1.PodSpec}, ...). Class metadata
 * is read once per class and cached; only classes reached by the JSON are inspected, so the first
 * check of a kind costs a few milliseconds of reflection, later checks none.
 *
 * <p>Go's decoder keeps going after a type mismatch and reports the first one, but stops at once
 * when a type with its own decoder (quantities, int-or-string, timestamps) rejects its input. This
 * class does the same, so the reported error is the one a real API server reports.
 *
 * <p>Thread-safe: the cache is concurrent and a check keeps its state on the stack.
 */
final class SchemaChecker {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  /** JSON names of string-typed fields that are {@code metav1.Time} in Go. */
  private static final Set<String> TIME_FIELDS =
      Set.of(
          "creationTimestamp",
          "deletionTimestamp",
          "lastTransitionTime",
          "lastUpdateTime",
          "lastProbeTime",
          "lastHeartbeatTime",
          "startTime",
          "startedAt",
          "finishedAt",
          "firstTimestamp",
          "lastTimestamp",
          "lastScaleTime",
          "lastPhaseTransitionTime",
          "ManagedFieldsEntry.time");

  /** Go named types where fabric8 uses a plain String or List; keyed by GoStruct.jsonField. */
  private static final Map<String, String> NAMED_TYPES = namedTypes();

  /** How a Java type decodes in Go. */
  private enum Shape {
    STRING,
    INT32,
    INT64,
    BOOL,
    FLOAT,
    STRUCT,
    SLICE,
    MAP,
    INT_OR_STRING,
    QUANTITY,
    ANY
  }

  /** One {@code @JsonProperty} field of a model class. */
  private record Prop(String json, Type type) {}

  private final Map<Class<?>, Map<String, Prop>> props = new ConcurrentHashMap<>();

  /** A decode failure that stops decoding at once (a custom Go unmarshaler rejected input). */
  private static final class Fatal extends RuntimeException {
    Fatal(String message) {
      super(message, null, false, false);
    }
  }

  /** The mutable state of one check: where we are and what we found. */
  private static final class Walk {
    final List<String> unknown = new ArrayList<>();
    String firstError;
  }

  /**
   * Checks {@code obj} against {@code root}.
   *
   * <p>Decode failures do not throw from here: the Go error text of the failure Kubernetes would
   * report is handed to {@code onError}, which decides what to throw.
   *
   * @return the paths of unknown fields in document order, e.g. {@code
   *     spec.template.spec.containers[0].imagePullPolcy}; empty when all fields are known
   */
  List<String> check(Class<?> root, JsonNode obj, DecodeErrorSink onError) {
    Walk w = new Walk();
    try {
      visit(obj, root, goName(root), new ArrayList<>(), "", w, "");
    } catch (Fatal f) {
      onError.fail(f.getMessage());
    }
    if (w.firstError != null) {
      onError.fail(w.firstError);
    }
    return Collections.unmodifiableList(w.unknown);
  }

  /** Receives the Go error text of the first decode failure. */
  interface DecodeErrorSink {
    void fail(String goError);
  }

  /**
   * Rewrites every quantity in {@code obj} to Kubernetes' canonical text, rounding {@code
   * ResourceList} values up to milli precision first; leaves unparsable values alone.
   */
  void canonicalizeQuantities(Class<?> root, JsonNode obj) {
    normalize(obj, root);
  }

  /** Reads and caches the properties of {@code root} and every model class it reaches. */
  void warm(Class<?> root) {
    java.util.Deque<Type> todo = new java.util.ArrayDeque<>(List.of(root));
    Set<Class<?>> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      Type t = todo.pop();
      if (t instanceof ParameterizedType p) {
        todo.addAll(List.of(p.getActualTypeArguments()));
      } else if (t instanceof Class<?> c && shapeOf(c) == Shape.STRUCT && seen.add(c)) {
        propsOf(c).values().forEach(prop -> todo.push(prop.type()));
      }
    }
  }

  private void visit(
      JsonNode v, Type t, String struct, List<String> stack, String path, Walk w, String key) {
    if (v == null || v.isNull()) {
      return;
    }
    Shape shape = shapeOf(t);
    switch (shape) {
      case STRUCT -> visitStruct(v, (Class<?>) t, struct, stack, path, w, key);
      case SLICE -> visitSlice(v, t, struct, stack, path, w, key);
      case MAP -> visitMap(v, t, struct, stack, path, w, key);
      case STRING -> visitString(v, struct, stack, w, key);
      case INT32, INT64 -> visitInt(v, shape, struct, stack, w, key);
      case BOOL -> expect(v.isBoolean(), v, "bool", struct, stack, w, key);
      case FLOAT -> expect(v.isNumber(), v, "float64", struct, stack, w, key);
      case INT_OR_STRING -> visitIntOrString(v);
      case QUANTITY -> visitQuantity(v);
      case ANY -> {}
    }
  }

  private void visitStruct(
      JsonNode v, Class<?> c, String struct, List<String> stack, String path, Walk w, String key) {
    if (!v.isObject()) {
      typeError(v, goTypeOf(c, key), struct, stack, w);
      return;
    }
    Map<String, Prop> known = propsOf(c);
    String name = goName(c);
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      String field = e.getKey();
      String fieldPath = path.isEmpty() ? field : path + "." + field;
      Prop p = known.get(field);
      if (p == null) {
        w.unknown.add(fieldPath);
        continue;
      }
      stack.add(field);
      visit(e.getValue(), p.type(), name, stack, fieldPath, w, name + "." + field);
      stack.remove(stack.size() - 1);
    }
  }

  private void visitSlice(
      JsonNode v, Type t, String struct, List<String> stack, String path, Walk w, String key) {
    if (!v.isArray()) {
      typeError(v, goTypeOf(t, key), struct, stack, w);
      return;
    }
    Type elem = ((ParameterizedType) t).getActualTypeArguments()[0];
    String elemKey = key + "[]";
    int i = 0;
    for (JsonNode e : v) {
      visit(e, elem, struct, stack, path + "[" + i + "]", w, elemKey);
      i++;
    }
  }

  private void visitMap(
      JsonNode v, Type t, String struct, List<String> stack, String path, Walk w, String key) {
    if (!v.isObject()) {
      typeError(v, goTypeOf(t, key), struct, stack, w);
      return;
    }
    Type elem = ((ParameterizedType) t).getActualTypeArguments()[1];
    boolean bytes = isByteMap(key);
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode value = e.getValue();
      if (bytes) {
        visitBytes(value, struct, stack, w);
      } else {
        visit(value, elem, struct, stack, path + "[" + e.getKey() + "]", w, key + "{}");
      }
    }
  }

  /** Secret data and ConfigMap binaryData are {@code []byte}: base64 text in JSON. */
  private void visitBytes(JsonNode v, String struct, List<String> stack, Walk w) {
    if (v.isNull()) {
      return;
    }
    if (!v.isString()) {
      typeError(v, "[]uint8", struct, stack, w);
      return;
    }
    String err = GoDecode.base64Error(v.stringValue());
    if (err != null && w.firstError == null) {
      w.firstError = err;
    }
  }

  private void visitString(JsonNode v, String struct, List<String> stack, Walk w, String key) {
    String field = stack.isEmpty() ? "" : stack.get(stack.size() - 1);
    boolean time = TIME_FIELDS.contains(field) || TIME_FIELDS.contains(key);
    if (time) {
      if (!v.isString()) {
        throw new Fatal("json: cannot unmarshal " + jsonKind(v) + " into Go value of type string");
      }
      String err = GoDecode.rfc3339Error(v.stringValue());
      if (err != null) {
        throw new Fatal(err);
      }
      return;
    }
    expect(v.isString(), v, NAMED_TYPES.getOrDefault(key, "string"), struct, stack, w, key);
  }

  private void visitInt(
      JsonNode v, Shape shape, String struct, List<String> stack, Walk w, String key) {
    String goType = NAMED_TYPES.getOrDefault(key, shape == Shape.INT32 ? "int32" : "int64");
    if (!v.isNumber()) {
      typeError(v, goType, struct, stack, w);
      return;
    }
    if (!fitsInt(v, shape == Shape.INT32 ? 32 : 64)) {
      recordError(w, message("number " + v.asString(), goType, struct, stack));
    }
  }

  /** intstr.IntOrString decodes through encoding/json itself, so errors carry no context. */
  private void visitIntOrString(JsonNode v) {
    if (v.isString()) {
      return;
    }
    if (v.isNumber() && fitsInt(v, 32)) {
      return;
    }
    String what = v.isNumber() ? "number " + v.asString() : jsonKind(v);
    throw new Fatal("json: cannot unmarshal " + what + " into Go value of type int32");
  }

  /** resource.Quantity parses the raw JSON text; anything unparsable stops the decode. */
  private void visitQuantity(JsonNode v) {
    String text = v.isString() ? v.stringValue() : v.isNumber() ? v.asString() : v.toString();
    try {
      Quantity.parse(text.strip());
    } catch (Quantity.QuantityException e) {
      throw new Fatal(e.getMessage());
    }
  }

  private static boolean fitsInt(JsonNode v, int bits) {
    if (!v.isIntegralNumber()) {
      return false;
    }
    BigInteger b = v.bigIntegerValue();
    return b.bitLength() < bits;
  }

  private void expect(
      boolean ok,
      JsonNode v,
      String goType,
      String struct,
      List<String> stack,
      Walk w,
      String key) {
    if (!ok) {
      typeError(v, NAMED_TYPES.getOrDefault(key, goType), struct, stack, w);
    }
  }

  private void typeError(JsonNode v, String goType, String struct, List<String> stack, Walk w) {
    recordError(w, message(jsonKind(v), goType, struct, stack));
  }

  private static void recordError(Walk w, String message) {
    if (w.firstError == null) {
      w.firstError = message;
    }
  }

  /** Go's {@code UnmarshalTypeError.Error()} with the decoder's struct/field context. */
  private static String message(String value, String goType, String struct, List<String> stack) {
    if (stack.isEmpty()) {
      return "json: cannot unmarshal " + value + " into Go value of type " + goType;
    }
    return "json: cannot unmarshal "
        + value
        + " into Go struct field "
        + struct
        + "."
        + String.join(".", stack)
        + " of type "
        + goType;
  }

  private static String jsonKind(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isString()) {
      return "string";
    }
    if (v.isBoolean()) {
      return "bool";
    }
    return "number";
  }

  private void normalize(JsonNode v, Type t) {
    if (v == null || v.isNull()) {
      return;
    }
    switch (shapeOf(t)) {
      case STRUCT -> {
        if (v instanceof ObjectNode o) {
          Map<String, Prop> known = propsOf((Class<?>) t);
          for (Map.Entry<String, JsonNode> e : o.properties()) {
            Prop p = known.get(e.getKey());
            if (p != null) {
              normalizeField(o, e.getKey(), e.getValue(), p.type());
            }
          }
        }
      }
      case SLICE -> {
        Type elem = ((ParameterizedType) t).getActualTypeArguments()[0];
        if (v.isArray()) {
          v.forEach(e -> normalize(e, elem));
        }
      }
      case MAP -> normalizeMap(v, t);
      default -> {}
    }
  }

  private void normalizeField(ObjectNode parent, String field, JsonNode value, Type t) {
    if (shapeOf(t) == Shape.QUANTITY) {
      String canonical = canonical(value, false);
      if (canonical != null) {
        parent.put(field, canonical);
      }
    } else {
      normalize(value, t);
    }
  }

  private void normalizeMap(JsonNode v, Type t) {
    if (!(v instanceof ObjectNode o)) {
      return;
    }
    Type elem = ((ParameterizedType) t).getActualTypeArguments()[1];
    boolean resourceList = shapeOf(elem) == Shape.QUANTITY;
    for (Map.Entry<String, JsonNode> e : new ArrayList<>(o.properties())) {
      if (resourceList) {
        String canonical = canonical(e.getValue(), true);
        if (canonical != null) {
          o.put(e.getKey(), canonical);
        }
      } else {
        normalize(e.getValue(), elem);
      }
    }
  }

  private static String canonical(JsonNode v, boolean roundToMilli) {
    if (v == null || !(v.isString() || v.isNumber())) {
      return null;
    }
    try {
      Quantity q = Quantity.parse((v.isString() ? v.stringValue() : v.asString()).strip());
      return (roundToMilli ? q.roundUpToMilli() : q).canonical();
    } catch (Quantity.QuantityException e) {
      return null;
    }
  }

  private Map<String, Prop> propsOf(Class<?> c) {
    return props.computeIfAbsent(c, SchemaChecker::readProps);
  }

  private static Map<String, Prop> readProps(Class<?> c) {
    Map<String, Prop> out = new LinkedHashMap<>();
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        JsonProperty jp = f.getAnnotation(JsonProperty.class);
        if (jp != null && !jp.value().isEmpty()) {
          out.putIfAbsent(jp.value(), new Prop(jp.value(), f.getGenericType()));
        }
      }
    }
    return out;
  }

  private static Shape shapeOf(Type t) {
    if (t instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (List.class.isAssignableFrom(raw)) {
        return Shape.SLICE;
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Shape.MAP;
      }
      return Shape.ANY;
    }
    if (!(t instanceof Class<?> c)) {
      return Shape.ANY;
    }
    if (c == String.class) {
      return Shape.STRING;
    }
    if (c == Integer.class || c == int.class) {
      return Shape.INT32;
    }
    if (c == Long.class || c == long.class) {
      return Shape.INT64;
    }
    if (c == Boolean.class || c == boolean.class) {
      return Shape.BOOL;
    }
    if (c == Double.class || c == Float.class) {
      return Shape.FLOAT;
    }
    if (!c.getName().startsWith(MODEL_PACKAGE)) {
      return Shape.ANY;
    }
    return switch (c.getSimpleName()) {
      case "IntOrString" -> Shape.INT_OR_STRING;
      case "Quantity" -> Shape.QUANTITY;
      case "FieldsV1", "AnyType", "MicroTime", "RawExtension", "KubernetesResource" -> Shape.ANY;
      default -> c.isEnum() || c.isInterface() ? Shape.ANY : Shape.STRUCT;
    };
  }

  /** The Go type name Kubernetes prints for a Java field type. */
  private static String goTypeOf(Type t, String key) {
    String named = NAMED_TYPES.get(key);
    if (named != null) {
      return named;
    }
    return switch (shapeOf(t)) {
      case STRING -> "string";
      case INT32 -> "int32";
      case INT64 -> "int64";
      case BOOL -> "bool";
      case FLOAT -> "float64";
      case STRUCT -> goPackage((Class<?>) t) + "." + goName((Class<?>) t);
      case SLICE -> "[]" + goTypeOf(((ParameterizedType) t).getActualTypeArguments()[0], "");
      case MAP -> goMapType(t, key);
      case INT_OR_STRING -> "intstr.IntOrString";
      case QUANTITY -> "resource.Quantity";
      case ANY -> "interface {}";
    };
  }

  private static String goMapType(Type t, String key) {
    Type elem = ((ParameterizedType) t).getActualTypeArguments()[1];
    if (shapeOf(elem) == Shape.QUANTITY) {
      return "v1.ResourceList";
    }
    if (isByteMap(key)) {
      return "map[string][]uint8";
    }
    return "map[string]" + goTypeOf(elem, "");
  }

  private static boolean isByteMap(String key) {
    return key.equals("Secret.data") || key.equals("ConfigMap.binaryData");
  }

  private static String goName(Class<?> c) {
    return c.getSimpleName();
  }

  /**
   * Go package alias of a model class: core, meta and apps are {@code v1}, HPA v2 is {@code v2}.
   */
  private static String goPackage(Class<?> c) {
    String pkg = c.getPackageName();
    int dot = pkg.lastIndexOf('.');
    String last = pkg.substring(dot + 1);
    return last.matches("v[0-9]+((alpha|beta)[0-9]+)?") ? last : "v1";
  }

  private static Map<String, String> namedTypes() {
    Map<String, String> m = new ConcurrentHashMap<>();
    m.put("PodSpec.restartPolicy", "v1.RestartPolicy");
    m.put("PodSpec.dnsPolicy", "v1.DNSPolicy");
    m.put("PodSpec.preemptionPolicy", "v1.PreemptionPolicy");
    m.put("Container.imagePullPolicy", "v1.PullPolicy");
    m.put("Container.terminationMessagePolicy", "v1.TerminationMessagePolicy");
    m.put("Container.restartPolicy", "v1.ContainerRestartPolicy");
    m.put("ContainerPort.protocol", "v1.Protocol");
    m.put("ServicePort.protocol", "v1.Protocol");
    m.put("EndpointPort.protocol", "v1.Protocol");
    m.put("ServiceSpec.type", "v1.ServiceType");
    m.put("ServiceSpec.sessionAffinity", "v1.ServiceAffinity");
    m.put("ServiceSpec.externalTrafficPolicy", "v1.ServiceExternalTrafficPolicy");
    m.put("ServiceSpec.internalTrafficPolicy", "v1.ServiceInternalTrafficPolicy");
    m.put("ServiceSpec.ipFamilyPolicy", "v1.IPFamilyPolicy");
    m.put("ServiceSpec.ipFamilies", "[]v1.IPFamily");
    m.put("ServiceSpec.ipFamilies[]", "v1.IPFamily");
    m.put("PersistentVolumeClaimSpec.accessModes", "[]v1.PersistentVolumeAccessMode");
    m.put("PersistentVolumeClaimSpec.accessModes[]", "v1.PersistentVolumeAccessMode");
    m.put("PersistentVolumeSpec.accessModes", "[]v1.PersistentVolumeAccessMode");
    m.put("PersistentVolumeSpec.accessModes[]", "v1.PersistentVolumeAccessMode");
    m.put("PersistentVolumeClaimSpec.volumeMode", "v1.PersistentVolumeMode");
    m.put("PersistentVolumeSpec.volumeMode", "v1.PersistentVolumeMode");
    m.put("PersistentVolumeSpec.persistentVolumeReclaimPolicy", "v1.PersistentVolumeReclaimPolicy");
    m.put("Capabilities.add", "[]v1.Capability");
    m.put("Capabilities.add[]", "v1.Capability");
    m.put("Capabilities.drop", "[]v1.Capability");
    m.put("Capabilities.drop[]", "v1.Capability");
    m.put("NamespaceSpec.finalizers", "[]v1.FinalizerName");
    m.put("NamespaceSpec.finalizers[]", "v1.FinalizerName");
    m.put("Toleration.operator", "v1.TolerationOperator");
    m.put("Toleration.effect", "v1.TaintEffect");
    m.put("Taint.effect", "v1.TaintEffect");
    m.put("Secret.type", "v1.SecretType");
    m.put("HostPathVolumeSource.type", "v1.HostPathType");
    m.put("HTTPGetAction.scheme", "v1.URIScheme");
    m.put("PodStatus.phase", "v1.PodPhase");
    m.put("NamespaceStatus.phase", "v1.NamespacePhase");
    m.put("ObjectMeta.uid", "types.UID");
    m.put("OwnerReference.uid", "types.UID");
    m.put("LabelSelectorRequirement.operator", "v1.LabelSelectorOperator");
    m.put("NodeSelectorRequirement.operator", "v1.NodeSelectorOperator");
    m.put("DeploymentStrategy.type", "v1.DeploymentStrategyType");
    m.put("StatefulSetSpec.podManagementPolicy", "v1.PodManagementPolicyType");
    m.put("StatefulSetUpdateStrategy.type", "v1.StatefulSetUpdateStrategyType");
    m.put("DaemonSetUpdateStrategy.type", "v1.DaemonSetUpdateStrategyType");
    m.put("MetricSpec.type", "v2.MetricSourceType");
    m.put("MetricTarget.type", "v2.MetricTargetType");
    m.put("HPAScalingPolicy.type", "v2.HPAScalingPolicyType");
    m.put("HPAScalingRules.selectPolicy", "v2.ScalingPolicySelect");
    m.put("ResourceMetricSource.name", "v1.ResourceName");
    return Map.copyOf(m);
  }
}
