package dev.kc.controlplane.openapi;

import dev.kc.controlplane.openapi.ModelSchemas.Gvk;
import dev.kc.controlplane.registry.ResourceType;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code paths} of an OpenAPI document: the REST operations on one resource type in one group
 * version, laid out as kube-apiserver lists them.
 *
 * <p>The one detail kubectl depends on: every {@code patch} operation carries {@code
 * x-kubernetes-group-version-kind} and a {@code fieldValidation} query parameter. kubectl then
 * sends {@code fieldValidation=Strict} and leaves validation to the server instead of downloading
 * the protobuf OpenAPI v2 document, which kc does not serve.
 */
final class Operations {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final List<String> LIST_PARAMS =
      List.of(
          "allowWatchBookmarks",
          "continue",
          "fieldSelector",
          "labelSelector",
          "limit",
          "resourceVersion",
          "resourceVersionMatch",
          "sendInitialEvents",
          "timeoutSeconds",
          "watch");
  private static final List<String> WRITE_PARAMS =
      List.of("dryRun", "fieldManager", "fieldValidation");
  private static final List<String> PATCH_PARAMS =
      List.of("dryRun", "fieldManager", "fieldValidation", "force");
  private static final List<String> DELETE_PARAMS =
      List.of("dryRun", "gracePeriodSeconds", "propagationPolicy");
  private static final List<String> PATCH_TYPES =
      List.of(
          "application/json-patch+json",
          "application/merge-patch+json",
          "application/strategic-merge-patch+json",
          "application/apply-patch+yaml");

  private static final String STATUS = SchemaNames.META + "Status";
  private static final String DELETE_OPTIONS = SchemaNames.META + "DeleteOptions";
  private static final String SCALE = "io.k8s.api.autoscaling.v1.Scale";
  private static final Gvk SCALE_GVK = new Gvk("autoscaling", "v1", "Scale");

  private final Descriptions descriptions;

  Operations(Descriptions descriptions) {
    this.descriptions = descriptions;
  }

  /** The names used to build one type's operations. */
  private record Target(
      ResourceType type, String version, Gvk gvk, String schema, String listSchema) {
    /** {@code AppsV1} or {@code CoreV1}, the operationId infix. */
    String groupVersionId() {
      String g = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
      return capitalize(g) + capitalize(version);
    }

    String tag() {
      String g = type.group().isEmpty() ? "core" : type.group().split("\\.")[0];
      return g + "_" + version;
    }

    String prefix() {
      return type.group().isEmpty() ? "/api/" + version : "/apis/" + type.group() + "/" + version;
    }

    String scopeId() {
      return type.namespaced() ? "Namespaced" : "";
    }
  }

  /**
   * Adds the collection, item and subresource paths of {@code type} to {@code paths}.
   *
   * @param schema the schema name of the kind in this version
   * @param listSchema the schema name of its list kind, or null when there is none
   */
  void addPaths(
      ObjectNode paths, ResourceType type, String version, String schema, String listSchema) {
    Gvk gvk = new Gvk(type.group(), version, type.kind());
    Target t = new Target(type, version, gvk, schema, listSchema);
    String scope = type.namespaced() ? "/namespaces/{namespace}/" : "/";
    String collection = t.prefix() + scope + type.plural();
    String item = collection + "/{name}";

    ObjectNode c = path(paths, collection, type.namespaced(), false);
    if (listSchema != null) {
      c.set("get", list(t, t.scopeId(), "list"));
    }
    c.set("post", write(t, "create", "post", schema, gvk, WRITE_PARAMS));
    c.set("delete", deleteCollection(t));

    ObjectNode i = path(paths, item, type.namespaced(), true);
    i.set("get", read(t, "", schema, gvk));
    i.set("put", write(t, "replace", "put", schema, gvk, WRITE_PARAMS));
    i.set("patch", patch(t, "", schema, gvk));
    i.set("delete", delete(t));

    if (type.hasStatus()) {
      addSubresource(paths, t, item + "/status", "Status", schema, gvk);
    }
    if (type.hasScale()) {
      addSubresource(paths, t, item + "/scale", "Scale", SCALE, SCALE_GVK);
    }
    if (type.namespaced() && listSchema != null) {
      ObjectNode all = path(paths, t.prefix() + "/" + type.plural(), false, false);
      all.set("get", list(t, "", "list " + type.kind() + " in all namespaces"));
    }
  }

  private void addSubresource(
      ObjectNode paths, Target t, String path, String suffix, String schema, Gvk gvk) {
    ObjectNode p = path(paths, path, t.type().namespaced(), true);
    p.set("get", read(t, suffix, schema, gvk));
    ObjectNode put = write(t, "replace", "put", schema, gvk, WRITE_PARAMS);
    put.put("operationId", "replace" + t.groupVersionId() + t.scopeId() + t.type().kind() + suffix);
    p.set("put", put);
    p.set("patch", patch(t, suffix, schema, gvk));
  }

  /** A path item with the path parameters every operation on it shares. */
  private ObjectNode path(ObjectNode paths, String path, boolean namespaced, boolean named) {
    ObjectNode item = paths.putObject(path);
    ArrayNode params = item.putArray("parameters");
    if (named) {
      params.add(param("name", "path", true, "string"));
    }
    if (namespaced) {
      params.add(param("namespace", "path", true, "string"));
    }
    params.add(param("pretty", "query", false, "string"));
    return item;
  }

  private ObjectNode read(Target t, String suffix, String schema, Gvk gvk) {
    ObjectNode op = operation(t, "read", suffix, "get", gvk);
    responses(op, schema, "200");
    return op;
  }

  private ObjectNode list(Target t, String scopeId, String what) {
    String id = "list" + t.groupVersionId() + scopeId + t.type().kind();
    ObjectNode op = operation(t, id, "list", t.gvk());
    if (scopeId.isEmpty() && t.type().namespaced()) {
      op.put("operationId", id + "ForAllNamespaces");
    }
    op.put("description", what.equals("list") ? "list or watch " + t.type().kind() : what);
    queryParams(op, LIST_PARAMS);
    responses(op, t.listSchema(), "200");
    return op;
  }

  private ObjectNode write(
      Target t, String verb, String action, String schema, Gvk gvk, List<String> params) {
    ObjectNode op = operation(t, verb, "", action, gvk);
    queryParams(op, params);
    body(op, List.of("application/json"), schema);
    responses(op, schema, "200", "201");
    return op;
  }

  private ObjectNode patch(Target t, String suffix, String schema, Gvk gvk) {
    ObjectNode op = operation(t, "patch", suffix, "patch", gvk);
    queryParams(op, PATCH_PARAMS);
    body(op, PATCH_TYPES, SchemaNames.PATCH);
    responses(op, schema, "200", "201");
    return op;
  }

  private ObjectNode delete(Target t) {
    ObjectNode op = operation(t, "delete", "", "delete", t.gvk());
    queryParams(op, DELETE_PARAMS);
    body(op, List.of("application/json"), DELETE_OPTIONS);
    responses(op, STATUS, "200", "202");
    return op;
  }

  private ObjectNode deleteCollection(Target t) {
    String id = "delete" + t.groupVersionId() + "Collection" + t.scopeId() + t.type().kind();
    ObjectNode op = operation(t, id, "deletecollection", t.gvk());
    op.put("description", "delete a collection of " + t.type().kind());
    queryParams(op, DELETE_PARAMS);
    queryParams(op, LIST_PARAMS);
    body(op, List.of("application/json"), DELETE_OPTIONS);
    responses(op, STATUS, "200");
    return op;
  }

  /** An operation named {@code <verb><GroupVersion><Scope><Kind><Suffix>}. */
  private ObjectNode operation(Target t, String verb, String suffix, String action, Gvk gvk) {
    String id = verb + t.groupVersionId() + t.scopeId() + t.type().kind() + suffix;
    ObjectNode op = operation(t, id, action, gvk);
    String subject =
        suffix.isEmpty()
            ? "the specified "
            : suffix.toLowerCase(Locale.ROOT) + " of the specified ";
    op.put("description", verb + " " + subject + t.type().kind());
    return op;
  }

  private static ObjectNode operation(Target t, String operationId, String action, Gvk gvk) {
    ObjectNode op = NODES.objectNode();
    op.putArray("tags").add(t.tag());
    op.put("description", "");
    op.put("operationId", operationId);
    op.putArray("parameters");
    op.put("x-kubernetes-action", action);
    op.set("x-kubernetes-group-version-kind", gvk.toJson());
    return op;
  }

  private void queryParams(ObjectNode op, List<String> names) {
    ArrayNode params = (ArrayNode) op.get("parameters");
    for (String name : names) {
      params.add(param(name, "query", false, queryType(name)));
    }
  }

  private static String queryType(String name) {
    return switch (name) {
      case "allowWatchBookmarks", "force", "sendInitialEvents", "watch" -> "boolean";
      case "gracePeriodSeconds", "limit", "timeoutSeconds" -> "integer";
      default -> "string";
    };
  }

  private ObjectNode param(String name, String in, boolean required, String type) {
    ObjectNode p = NODES.objectNode();
    p.put("name", name);
    p.put("in", in);
    String text = descriptions.parameter(name);
    if (text != null) {
      p.put("description", text);
    }
    if (required) {
      p.put("required", true);
    }
    p.putObject("schema").put("type", type);
    return p;
  }

  private static void body(ObjectNode op, List<String> mediaTypes, String schema) {
    ObjectNode content = op.putObject("requestBody").putObject("content");
    for (String media : mediaTypes) {
      content.putObject(media).putObject("schema").put("$ref", ModelSchemas.REF_PREFIX + schema);
    }
  }

  private static void responses(ObjectNode op, String schema, String... codes) {
    ObjectNode responses = op.putObject("responses");
    for (String code : codes) {
      ObjectNode r = responses.putObject(code);
      r.put("description", describeCode(code));
      r.putObject("content")
          .putObject("application/json")
          .putObject("schema")
          .put("$ref", ModelSchemas.REF_PREFIX + schema);
    }
    responses.putObject("401").put("description", "Unauthorized");
  }

  private static String describeCode(String code) {
    return switch (code) {
      case "201" -> "Created";
      case "202" -> "Accepted";
      default -> "OK";
    };
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
