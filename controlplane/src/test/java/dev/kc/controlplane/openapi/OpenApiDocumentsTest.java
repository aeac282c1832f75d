package dev.kc.controlplane.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class OpenApiDocumentsTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final String SCHEMAS = "#/components/schemas/";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  private static OpenApiDocuments docs;
  private static final Map<String, JsonNode> parsed = new ConcurrentHashMap<>();

  @BeforeAll
  static void buildOnce() {
    docs = new OpenApiDocuments(Registry.builtin());
  }

  @Test
  void indexListsEveryServedGroupVersionWithAHashedUrl() {
    JsonNode paths = JSON.readTree(docs.index()).get("paths");

    assertEquals(
        List.of("api/v1", "apis/apps/v1", "apis/autoscaling/v2", "apis/autoscaling/v1"),
        List.copyOf(paths.propertyNames()));
    for (String key : paths.propertyNames()) {
      String url = paths.get(key).get("serverRelativeURL").asString();
      assertTrue(url.matches("/openapi/v3/" + key + "\\?hash=[0-9A-F]{16}"), url);
    }
  }

  @Test
  void answersNullForAnUnknownGroupVersionAndToleratesALeadingSlash() {
    assertNull(docs.document("apis/batch/v1"));
    assertNull(docs.document(null));
    assertSame(docs.document("apis/apps/v1"), docs.document("/apis/apps/v1"));
  }

  @Test
  void buildsEachDocumentOnceAndReturnsTheCachedBytes() {
    assertSame(docs.document("api/v1"), docs.document("api/v1"));
  }

  @Test
  void deploymentPatchCarriesItsGroupVersionKindAndFieldValidation() {
    JsonNode patch =
        doc("apis/apps/v1")
            .at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");

    assertEquals(
        JSON.readTree("{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}"),
        patch.get("x-kubernetes-group-version-kind"));
    assertEquals("patch", patch.get("x-kubernetes-action").asString());
    assertTrue(queryParameters(patch).contains("fieldValidation"), patch.toString());
  }

  static Stream<Arguments> servedKinds() {
    List<Arguments> out = new ArrayList<>();
    for (ResourceType t : Registry.builtin().types()) {
      for (String v : t.versions()) {
        out.add(Arguments.of(t.apiVersion(v) + " " + t.kind(), t, v));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servedKinds")
  void everyServedKindHasAValidatingPatchOperationAndATaggedSchema(
      String name, ResourceType type, String version) {
    JsonNode doc = doc(key(type, version));
    String scope = type.namespaced() ? "/namespaces/{namespace}/" : "/";
    String prefix =
        type.group().isEmpty() ? "/api/" + version : "/apis/" + type.group() + "/" + version;
    JsonNode patch = doc.get("paths").get(prefix + scope + type.plural() + "/{name}").get("patch");

    JsonNode gvk = patch.get("x-kubernetes-group-version-kind");
    assertEquals(type.kind(), gvk.get("kind").asString());
    assertEquals(version, gvk.get("version").asString());
    assertEquals(type.group(), gvk.get("group").asString());
    assertTrue(queryParameters(patch).contains("fieldValidation"));
    assertEquals(1, schemasTaggedWith(doc, type.group(), version, type.kind()).size(), name);
  }

  @Test
  void deploymentSchemaIsTaggedAndReachesItsSpecThroughAllOf() {
    JsonNode deployment = schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment");

    assertEquals(
        JSON.readTree("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]"),
        deployment.get("x-kubernetes-group-version-kind"));
    assertEquals(
        SCHEMAS + "io.k8s.api.apps.v1.DeploymentSpec",
        deployment.at("/properties/spec/allOf/0/$ref").asString());
    assertEquals(
        SCHEMAS + META + "ObjectMeta",
        deployment.at("/properties/metadata/allOf/0/$ref").asString());
    assertTrue(deployment.get("description").asString().contains("ReplicaSets"));
  }

  @Test
  void deploymentSpecTypesItsFieldsAndRequiresSelectorAndTemplate() {
    JsonNode spec = schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec");

    assertEquals("integer", spec.at("/properties/replicas/type").asString());
    assertEquals("int32", spec.at("/properties/replicas/format").asString());
    assertEquals("boolean", spec.at("/properties/paused/type").asString());
    assertEquals(JSON.readTree("[\"selector\",\"template\"]"), spec.get("required"));
    assertEquals(
        SCHEMAS + "io.k8s.api.core.v1.PodTemplateSpec",
        spec.at("/properties/template/allOf/0/$ref").asString());
    assertFalse(spec.at("/properties/replicas/description").asString().isEmpty());
  }

  @Test
  void mapsIntOrStringQuantityAndTimeToTheirKubernetesSchemas() {
    String apps = "apis/apps/v1";
    JsonNode rolling = schema(apps, "io.k8s.api.apps.v1.RollingUpdateDeployment");
    JsonNode resources = schema(apps, "io.k8s.api.core.v1.ResourceRequirements");
    JsonNode meta = schema(apps, META + "ObjectMeta");
    JsonNode condition = schema(apps, "io.k8s.api.apps.v1.DeploymentCondition");

    String intOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    String quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    assertEquals(SCHEMAS + intOrString, rolling.at("/properties/maxSurge/allOf/0/$ref").asString());
    assertEquals("int-or-string", schema(apps, intOrString).get("format").asString());
    assertTrue(schema(apps, intOrString).get("x-kubernetes-int-or-string").asBoolean());
    assertEquals("object", resources.at("/properties/limits/type").asString());
    assertEquals(
        SCHEMAS + quantity,
        resources.at("/properties/limits/additionalProperties/$ref").asString());
    assertTrue(schema(apps, quantity).toString().contains("\"string\""));
    assertEquals(
        SCHEMAS + META + "Time", meta.at("/properties/creationTimestamp/allOf/0/$ref").asString());
    assertEquals(
        SCHEMAS + META + "Time",
        condition.at("/properties/lastUpdateTime/allOf/0/$ref").asString());
    assertEquals("string", schema(apps, META + "Time").get("type").asString());
    assertEquals("date-time", schema(apps, META + "Time").get("format").asString());
    assertEquals("integer", meta.at("/properties/generation/type").asString());
    assertEquals("int64", meta.at("/properties/generation/format").asString());
  }

  @Test
  void describesListAndMapFieldsWithItemsAndAdditionalProperties() {
    JsonNode pod = schema("api/v1", "io.k8s.api.core.v1.PodSpec");
    JsonNode meta = schema("api/v1", META + "ObjectMeta");

    assertEquals("array", pod.at("/properties/containers/type").asString());
    assertEquals(
        SCHEMAS + "io.k8s.api.core.v1.Container",
        pod.at("/properties/containers/items/allOf/0/$ref").asString());
    assertEquals("object", meta.at("/properties/labels/type").asString());
    assertEquals("string", meta.at("/properties/labels/additionalProperties/type").asString());
    assertEquals("string", meta.at("/properties/finalizers/items/type").asString());
  }

  @ParameterizedTest(name = "{0}.{1} merges by {2}")
  @MethodSource("mergeKeys")
  void listsCarryTheirStrategicMergeKeys(String schema, String field, String key) {
    JsonNode prop = schema("apis/apps/v1", schema).get("properties").get(field);

    assertEquals(key, prop.get("x-kubernetes-patch-merge-key").asString());
    assertTrue(prop.get("x-kubernetes-patch-strategy").asString().startsWith("merge"));
    assertEquals("map", prop.get("x-kubernetes-list-type").asString());
    assertEquals(key, prop.get("x-kubernetes-list-map-keys").get(0).asString());
  }

  static Stream<Arguments> mergeKeys() {
    return Stream.of(
        Arguments.of("io.k8s.api.core.v1.PodSpec", "containers", "name"),
        Arguments.of("io.k8s.api.core.v1.PodSpec", "initContainers", "name"),
        Arguments.of("io.k8s.api.core.v1.PodSpec", "volumes", "name"),
        Arguments.of("io.k8s.api.core.v1.Container", "ports", "containerPort"),
        Arguments.of("io.k8s.api.core.v1.Container", "env", "name"),
        Arguments.of("io.k8s.api.core.v1.Container", "volumeMounts", "mountPath"),
        Arguments.of("io.k8s.api.apps.v1.DeploymentStatus", "conditions", "type"),
        Arguments.of(META + "ObjectMeta", "ownerReferences", "uid"));
  }

  @Test
  void requiresContainerNameAndHpaBounds() {
    assertEquals(
        JSON.readTree("[\"name\"]"),
        schema("api/v1", "io.k8s.api.core.v1.Container").get("required"));
    JsonNode v2 =
        schema("apis/autoscaling/v2", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec");
    assertEquals(JSON.readTree("[\"maxReplicas\",\"scaleTargetRef\"]"), v2.get("required"));
  }

  @Test
  void servesEachAutoscalingVersionWithItsOwnSpec() {
    JsonNode v1 =
        schema("apis/autoscaling/v1", "io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec");
    JsonNode v2 =
        schema("apis/autoscaling/v2", "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec");

    assertTrue(v1.get("properties").has("targetCPUUtilizationPercentage"));
    assertFalse(v1.get("properties").has("metrics"));
    assertTrue(v2.get("properties").has("metrics"));
    assertEquals(
        1,
        schemasTaggedWith(
                doc("apis/autoscaling/v1"), "autoscaling", "v1", "HorizontalPodAutoscaler")
            .size());
    assertTrue(
        schemasTaggedWith(
                doc("apis/autoscaling/v1"), "autoscaling", "v2", "HorizontalPodAutoscaler")
            .isEmpty());
  }

  @Test
  void scaleSubresourceOperationsUseTheAutoscalingScaleKind() {
    String path = "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale";
    JsonNode scale = doc("apis/apps/v1").get("paths").get(path).get("patch");

    assertEquals("Scale", scale.at("/x-kubernetes-group-version-kind/kind").asString());
    assertEquals("autoscaling", scale.at("/x-kubernetes-group-version-kind/group").asString());
    assertNotNull(schema("apis/apps/v1", "io.k8s.api.autoscaling.v1.Scale"));
  }

  @Test
  void encodesSecretDataAsBase64Strings() {
    JsonNode secret = schema("api/v1", "io.k8s.api.core.v1.Secret");

    assertEquals("byte", secret.at("/properties/data/additionalProperties/format").asString());
  }

  @Test
  void tagsOnlyKindsListsAndTheTwoMetaTypesWithAGroupVersionKind() {
    JsonNode owner = schema("apis/apps/v1", META + "OwnerReference");

    assertFalse(owner.has("x-kubernetes-group-version-kind"));
    assertTrue(schema("apis/apps/v1", META + "Status").has("x-kubernetes-group-version-kind"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentKeys")
  void everyReferenceResolvesWithinItsDocument(String key) {
    JsonNode doc = doc(key);
    JsonNode schemas = doc.at("/components/schemas");
    List<String> dangling = new ArrayList<>();
    walk(
        doc,
        (ref) -> {
          if (!ref.startsWith(SCHEMAS) || !schemas.has(ref.substring(SCHEMAS.length()))) {
            dangling.add(ref);
          }
        });

    assertTrue(dangling.isEmpty(), "dangling refs in " + key + ": " + dangling);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentKeys")
  void leavesOutFabric8OnlyProperties(String key) {
    JsonNode schemas = doc(key).at("/components/schemas");
    for (String name : schemas.propertyNames()) {
      JsonNode props = schemas.get(name).get("properties");
      assertFalse(props != null && props.has("additionalProperties"), name);
    }
  }

  static Stream<String> documentKeys() {
    return Stream.of("api/v1", "apis/apps/v1", "apis/autoscaling/v2", "apis/autoscaling/v1");
  }

  /**
   * Catches typos in the data files: every key must name a type or field (or parameter) that some
   * document contains, or the text would silently never show.
   */
  @Test
  void everyDataFileKeyNamesSomethingTheDocumentsContain() {
    Set<String> known = new TreeSet<>();
    Set<String> params = new TreeSet<>();
    for (String key : documentKeys().toList()) {
      JsonNode doc = doc(key);
      JsonNode schemas = doc.at("/components/schemas");
      for (String name : schemas.propertyNames()) {
        known.add(name);
        JsonNode props = schemas.get(name).get("properties");
        if (props != null) {
          props.propertyNames().forEach(f -> known.add(name + "." + f));
        }
      }
      walkParameters(doc, params);
    }
    List<String> unknown = new ArrayList<>();
    for (String k : DataFile.load("descriptions.properties").entries().keySet()) {
      boolean ok =
          k.startsWith("@")
              || (k.startsWith("param.") ? params.contains(k.substring(6)) : known.contains(k));
      if (!ok) {
        unknown.add(k);
      }
    }
    for (String k : DataFile.load("field-facts.properties").entries().keySet()) {
      if (!known.contains(k)) {
        unknown.add(k);
      }
    }

    assertTrue(unknown.isEmpty(), "keys naming nothing: " + unknown);
  }

  @Test
  void describesEveryServedKind() {
    for (String key : documentKeys().toList()) {
      JsonNode schemas = doc(key).at("/components/schemas");
      for (String name : schemas.propertyNames()) {
        JsonNode s = schemas.get(name);
        if (s.has("x-kubernetes-group-version-kind")) {
          assertTrue(s.has("description"), name + " in " + key);
        }
      }
    }
  }

  @Test
  void givesAKindWithoutAModelClassAFreeFormTaggedSchema() {
    ResourceType widget =
        new ResourceType(
            "example.com",
            List.of("v1"),
            "Widget",
            "widgets",
            "widget",
            List.of(),
            List.of(),
            true,
            Set.of(),
            true);
    OpenApiDocuments custom = new OpenApiDocuments(new Registry(List.of(widget)));

    JsonNode doc = JSON.readTree(custom.document("apis/example.com/v1"));

    JsonNode schema = doc.at("/components/schemas/io.k8s.api.example.v1.Widget");
    assertTrue(schema.get("x-kubernetes-preserve-unknown-fields").asBoolean());
    assertEquals("Widget", schema.at("/x-kubernetes-group-version-kind/0/kind").asString());
    JsonNode patch =
        doc.get("paths")
            .get("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}")
            .get("patch");
    assertTrue(queryParameters(patch).contains("fieldValidation"));
    assertTrue(
        doc.get("paths").get("/apis/example.com/v1/namespaces/{namespace}/widgets").has("post"));
  }

  @Test
  void treatsTimestampNamedStringsAsTimes() {
    assertTrue(ModelSchemas.isTimestamp("creationTimestamp"));
    assertTrue(ModelSchemas.isTimestamp("lastTransitionTime"));
    assertTrue(ModelSchemas.isTimestamp("startedAt"));
    assertFalse(ModelSchemas.isTimestamp("timeoutSeconds"));
    assertFalse(ModelSchemas.isTimestamp("runtimeClassName"));
  }

  private static JsonNode doc(String key) {
    return parsed.computeIfAbsent(key, k -> JSON.readTree(docs.document(k)));
  }

  private static JsonNode schema(String key, String name) {
    JsonNode s = doc(key).at("/components/schemas").get(name);
    assertNotNull(s, name + " missing from " + key);
    return s;
  }

  private static String key(ResourceType type, String version) {
    return type.group().isEmpty() ? "api/" + version : "apis/" + type.group() + "/" + version;
  }

  private static List<String> queryParameters(JsonNode operation) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : operation.get("parameters")) {
      if (p.get("in").asString().equals("query")) {
        names.add(p.get("name").asString());
      }
    }
    return names;
  }

  private static List<String> schemasTaggedWith(
      JsonNode doc, String group, String version, String kind) {
    List<String> out = new ArrayList<>();
    JsonNode schemas = doc.at("/components/schemas");
    for (String name : schemas.propertyNames()) {
      JsonNode tags = schemas.get(name).get("x-kubernetes-group-version-kind");
      if (tags == null) {
        continue;
      }
      for (JsonNode t : tags) {
        if (t.get("group").asString().equals(group)
            && t.get("version").asString().equals(version)
            && t.get("kind").asString().equals(kind)) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static void walk(JsonNode node, java.util.function.Consumer<String> refs) {
    if (node.isObject()) {
      for (String f : node.propertyNames()) {
        JsonNode v = node.get(f);
        if (f.equals("$ref")) {
          refs.accept(v.asString());
        } else {
          walk(v, refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> walk(n, refs));
    }
  }

  private static void walkParameters(JsonNode doc, Set<String> params) {
    for (JsonNode path : doc.get("paths")) {
      path.get("parameters").forEach(p -> params.add(p.get("name").asString()));
      for (String method : path.propertyNames()) {
        JsonNode op = path.get(method);
        if (op.has("parameters") && op.isObject() && !method.equals("parameters")) {
          op.get("parameters").forEach(p -> params.add(p.get("name").asString()));
        }
      }
    }
  }
}
