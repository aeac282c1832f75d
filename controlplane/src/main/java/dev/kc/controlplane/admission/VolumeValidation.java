package dev.kc.controlplane.admission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Pod volumes and volume mounts: {@code ValidateVolumes}, {@code validateVolumeSource} for the
 * common sources and {@code ValidateVolumeMounts}. Sources without a ported rule are only counted
 * (so "exactly one source" still holds) and otherwise accepted.
 */
final class VolumeValidation {

  /** Volume sources in the order Kubernetes checks them (it matters for which one is reported). */
  private static final List<String> SOURCES =
      List.of(
          "emptyDir",
          "hostPath",
          "gitRepo",
          "gcePersistentDisk",
          "awsElasticBlockStore",
          "secret",
          "nfs",
          "iscsi",
          "glusterfs",
          "flocker",
          "persistentVolumeClaim",
          "rbd",
          "cinder",
          "cephfs",
          "quobyte",
          "downwardAPI",
          "fc",
          "flexVolume",
          "configMap",
          "azureFile",
          "vsphereVolume",
          "photonPersistentDisk",
          "portworxVolume",
          "azureDisk",
          "storageos",
          "projected",
          "scaleIO",
          "csi",
          "ephemeral",
          "image");

  private static final List<String> HOST_PATH_TYPES =
      List.of(
          "",
          "BlockDevice",
          "CharDevice",
          "Directory",
          "DirectoryOrCreate",
          "File",
          "FileOrCreate",
          "Socket");
  private static final String FILE_MODE =
      "must be a number between 0 and 0777 (octal), both inclusive";

  private VolumeValidation() {}

  /**
   * Validates {@code spec.volumes} and returns the valid volumes by name, which mounts may refer to
   * (a volume with errors is left out, as in Kubernetes).
   */
  static Map<String, JsonNode> volumes(List<FieldError> out, JsonNode spec, Path p) {
    Map<String, JsonNode> valid = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    List<JsonNode> vols = Json.items(spec, "volumes");
    for (int i = 0; i < vols.size(); i++) {
      JsonNode v = vols.get(i);
      Path ip = p.index(i);
      List<FieldError> el = new ArrayList<>();
      source(el, v, ip);
      String name = Json.str(v, "name");
      if (name.isEmpty()) {
        el.add(Errors.required(ip.child("name"), ""));
      } else {
        Errors.invalidEach(el, ip.child("name"), name, Names.dns1123Label(name));
      }
      if (names.contains(name)) {
        el.add(Errors.duplicate(ip.child("name"), name));
      }
      if (el.isEmpty()) {
        names.add(name);
        valid.put(name, v);
      } else {
        out.addAll(el);
      }
    }
    return valid;
  }

  private static void source(List<FieldError> out, JsonNode v, Path p) {
    int count = 0;
    for (String s : SOURCES) {
      JsonNode src = v.get(s);
      if (src == null || src.isNull()) {
        continue;
      }
      if (count > 0) {
        out.add(Errors.forbidden(p.child(s), "may not specify more than 1 volume type"));
        continue;
      }
      count++;
      sourceRules(out, s, src, p.child(s));
    }
    if (count == 0) {
      out.add(Errors.required(p, "must specify a volume type"));
    }
  }

  private static void sourceRules(List<FieldError> out, String kind, JsonNode src, Path p) {
    switch (kind) {
      case "hostPath" -> hostPath(out, src, p);
      case "emptyDir" -> {
        Quantity limit = Resources.quantity(src.get("sizeLimit"));
        if (limit != null && limit.signum() < 0) {
          out.add(
              Errors.forbidden(
                  p.child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
        }
      }
      case "secret" -> keyedSource(out, src, "secretName", p);
      case "configMap" -> keyedSource(out, src, "name", p);
      case "persistentVolumeClaim" -> {
        if (Json.str(src, "claimName").isEmpty()) {
          out.add(Errors.required(p.child("claimName"), ""));
        }
      }
      case "nfs" -> {
        if (Json.str(src, "server").isEmpty()) {
          out.add(Errors.required(p.child("server"), ""));
        }
        String path = Json.str(src, "path");
        if (path.isEmpty()) {
          out.add(Errors.required(p.child("path"), ""));
        }
        if (!path.startsWith("/")) {
          out.add(Errors.invalid(p.child("path"), path, "must be an absolute path"));
        }
      }
      case "downwardAPI" -> {
        mode(out, src, "defaultMode", p);
        for (JsonNode item : Json.items(src, "items")) {
          downwardApiFile(out, item, p);
        }
      }
      case "csi" -> {
        String driver = Json.str(src, "driver");
        if (driver.isEmpty()) {
          out.add(Errors.required(p.child("driver"), ""));
        }
      }
      case "ephemeral" -> {
        if (!Json.has(src, "volumeClaimTemplate")) {
          out.add(Errors.required(p.child("volumeClaimTemplate"), ""));
        }
      }
      default -> {}
    }
  }

  private static void hostPath(List<FieldError> out, JsonNode src, Path p) {
    String path = Json.str(src, "path");
    if (path.isEmpty()) {
      out.add(Errors.required(p.child("path"), ""));
      return;
    }
    noBacksteps(out, path, p.child("path"));
    if (Json.has(src, "type")) {
      String type = Json.str(src, "type");
      if (!HOST_PATH_TYPES.contains(type)) {
        out.add(Errors.notSupported(p.child("type"), type, HOST_PATH_TYPES));
      }
    }
  }

  /** Secret and ConfigMap volumes: a name, a valid default mode and valid items. */
  private static void keyedSource(List<FieldError> out, JsonNode src, String nameField, Path p) {
    if (Json.str(src, nameField).isEmpty()) {
      out.add(Errors.required(p.child(nameField), ""));
    }
    mode(out, src, "defaultMode", p);
    List<JsonNode> items = Json.items(src, "items");
    for (int i = 0; i < items.size(); i++) {
      keyToPath(out, items.get(i), p.child("items").index(i));
    }
  }

  private static void keyToPath(List<FieldError> out, JsonNode kp, Path p) {
    if (Json.str(kp, "key").isEmpty()) {
      out.add(Errors.required(p.child("key"), ""));
    }
    String path = Json.str(kp, "path");
    if (path.isEmpty()) {
      out.add(Errors.required(p.child("path"), ""));
    }
    localNonReservedPath(out, path, p.child("path"));
    mode(out, kp, "mode", p);
  }

  private static void downwardApiFile(List<FieldError> out, JsonNode file, Path p) {
    String path = Json.str(file, "path");
    if (path.isEmpty()) {
      out.add(Errors.required(p.child("path"), ""));
    }
    localNonReservedPath(out, path, p.child("path"));
    if (!Json.has(file, "fieldRef") && !Json.has(file, "resourceFieldRef")) {
      out.add(Errors.required(p, "one of fieldRef and resourceFieldRef is required"));
    } else if (Json.has(file, "fieldRef") && Json.has(file, "resourceFieldRef")) {
      out.add(
          Errors.invalid(
              p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
    }
    mode(out, file, "mode", p);
  }

  private static void mode(List<FieldError> out, JsonNode n, String field, Path p) {
    if (Json.has(n, field)) {
      long m = Json.num(n, field, 0);
      if (m < 0 || m > 0777) {
        out.add(Errors.invalid(p.child(field), m, FILE_MODE));
      }
    }
  }

  /** {@code validatePathNoBacksteps}: no {@code ..} element. */
  static void noBacksteps(List<FieldError> out, String path, Path p) {
    for (String part : path.replace('\\', '/').split("/", -1)) {
      if (part.equals("..")) {
        out.add(Errors.invalid(p, path, "must not contain '..'"));
        return;
      }
    }
  }

  /** {@code validateLocalDescendingPath}: relative and without backsteps. */
  static void localDescendingPath(List<FieldError> out, String path, Path p) {
    if (path.startsWith("/")) {
      out.add(Errors.invalid(p, path, "must be a relative path"));
    }
    noBacksteps(out, path, p);
  }

  private static void localNonReservedPath(List<FieldError> out, String path, Path p) {
    localDescendingPath(out, path, p);
    if (path.startsWith("..") && !path.startsWith("../")) {
      out.add(Errors.invalid(p, path, "must not start with '..'"));
    }
  }

  /** {@code ValidateVolumeMounts}: known volume, mount path present and unique. */
  static void mounts(List<FieldError> out, JsonNode c, Map<String, JsonNode> volumes, Path p) {
    Set<String> mountPoints = new HashSet<>();
    List<JsonNode> mounts = Json.items(c, "volumeMounts");
    for (int i = 0; i < mounts.size(); i++) {
      JsonNode m = mounts.get(i);
      Path ip = p.index(i);
      String name = Json.str(m, "name");
      if (name.isEmpty()) {
        out.add(Errors.required(ip.child("name"), ""));
      }
      if (!volumes.containsKey(name)) {
        out.add(Errors.notFound(ip.child("name"), name));
      }
      String mountPath = Json.str(m, "mountPath");
      if (mountPath.isEmpty()) {
        out.add(Errors.required(ip.child("mountPath"), ""));
      }
      if (!mountPoints.add(mountPath)) {
        out.add(Errors.invalid(ip.child("mountPath"), mountPath, "must be unique"));
      }
      String subPath = Json.str(m, "subPath");
      if (!subPath.isEmpty()) {
        // Kubernetes reports subPath problems without the mount's index.
        localDescendingPath(out, subPath, p.child("subPath"));
      }
      String subPathExpr = Json.str(m, "subPathExpr");
      if (!subPathExpr.isEmpty()) {
        if (!subPath.isEmpty()) {
          out.add(
              Errors.invalid(
                  ip.child("subPathExpr"),
                  subPathExpr,
                  "subPathExpr and subPath are mutually exclusive"));
        }
        localDescendingPath(out, subPathExpr, p.child("subPathExpr"));
      }
      if (Json.has(m, "mountPropagation")) {
        String mp = Json.str(m, "mountPropagation");
        List<String> valid = List.of("Bidirectional", "HostToContainer", "None");
        if (!valid.contains(mp)) {
          out.add(Errors.notSupported(p.child("mountPropagation"), mp, valid));
        }
        boolean privileged = Json.bool(Json.obj(c, "securityContext"), "privileged");
        if (mp.equals("Bidirectional") && !privileged) {
          out.add(
              Errors.forbidden(
                  p.child("mountPropagation"),
                  "Bidirectional mount propagation is available only to privileged containers"));
        }
      }
    }
  }
}
