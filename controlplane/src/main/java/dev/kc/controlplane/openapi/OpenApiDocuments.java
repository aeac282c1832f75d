package dev.kc.controlplane.openapi;

import dev.kc.controlplane.objects.Json;
import dev.kc.controlplane.openapi.ModelSchemas.Gvk;
import dev.kc.controlplane.registry.Registry;
import dev.kc.controlplane.registry.ResourceType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents kc serves at {@code /openapi/v3}: an index, and one document per served
 * group version with the REST operations of its kinds and the schemas of every type they use.
 *
 * <p>kubectl reads them for two things. {@code apply}, {@code create -f}, {@code replace} and
 * {@code edit} look for a {@code patch} operation tagged with the object's group-version-kind and
 * taking a {@code fieldValidation} parameter; finding it, they leave validation to the server.
 * {@code explain} renders the kind's schema (found by its {@code x-kubernetes-group-version-kind})
 * and follows {@code allOf}/{@code $ref} into nested types.
 *
 * <p>Schemas are derived from the fabric8 model classes by reflection, with kc's own descriptions
 * and field facts from {@code /openapi/descriptions.properties} and {@code
 * /openapi/field-facts.properties}. A kind without a fabric8 class gets a free-form object schema,
 * so validation still works and explain shows at least the kind.
 *
 * <p>Nothing happens at construction, so daemon start does not pay for it. The index is built on
 * the first call to {@link #index} or {@link #document}; each document on the first request for it
 * (a few hundred milliseconds cold, most of it fabric8 class loading), then kept as bytes.
 * Thread-safe.
 */
public final class OpenApiDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(OpenApiDocuments.class);

  /** Bump when the generator's output changes, so the index hashes change with it. */
  private static final String GENERATOR_REVISION = "1";

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model";
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Registry registry;
  private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
  private volatile Inputs inputs;

  private record GroupVersion(String group, String version) {}

  /** Everything read or computed once, on the first call to {@link #index} or {@link #document}. */
  private record Inputs(
      Map<String, GroupVersion> keys,
      byte[] index,
      Descriptions descriptions,
      FieldFacts facts,
      ModelSchemas schemas) {}

  /**
   * Prepares the documents for every group version {@code registry} serves. Does no work: the data
   * files are read and the index is built on the first call to {@link #index} or {@link #document},
   * and a document's schemas when it is first asked for, so daemon start does not pay for fabric8
   * class loading.
   */
  public OpenApiDocuments(Registry registry) {
    this.registry = registry;
  }

  /**
   * The index served at {@code /openapi/v3}: {@code {"paths":{"api/v1":{"serverRelativeURL":
   * "/openapi/v3/api/v1?hash=..."}, "apis/apps/v1":{...}, ...}}}.
   *
   * <p>The hash changes whenever an input of the document changes (kc and fabric8 versions, the
   * data files, the served types) but is not a hash of the document's bytes, which are only built
   * on demand. Returns the same shared array on every call; callers must not modify it.
   */
  public byte[] index() {
    return inputs().index();
  }

  /**
   * The document for {@code "api/v1"}, {@code "apis/apps/v1"}, {@code "apis/autoscaling/v2"}, ...
   * (a leading {@code /} is tolerated), built on the first call for that key and cached.
   *
   * @return the shared JSON bytes, which callers must not modify; {@code null} when the key is not
   *     a served group version
   */
  public byte[] document(String key) {
    String k = key != null && key.startsWith("/") ? key.substring(1) : key;
    GroupVersion gv = k == null ? null : inputs().keys().get(k);
    if (gv == null) {
      return null;
    }
    return documents.computeIfAbsent(k, x -> build(x, gv));
  }

  private byte[] build(String key, GroupVersion gv) {
    long start = System.nanoTime();
    ObjectNode doc = NODES.objectNode();
    doc.put("openapi", "3.0.0");
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");

    // 1. Operations per kind, collecting the classes whose schemas they use.
    Set<Class<?>> roots = new LinkedHashSet<>();
    List<ResourceType> untyped = new ArrayList<>();
    Inputs in = inputs();
    Operations operations = new Operations(in.descriptions());
    for (ResourceType t : registry.typesIn(gv.group(), gv.version())) {
      Class<?> kind = modelClass(gv.group(), gv.version(), t.kind());
      Class<?> list = modelClass(gv.group(), gv.version(), t.kind() + "List");
      String schema = kind == null ? fallbackName(gv, t.kind()) : SchemaNames.of(kind);
      String listSchema = list == null ? null : SchemaNames.of(list);
      operations.addPaths(paths, t, gv.version(), schema, listSchema);
      addIfPresent(roots, kind);
      addIfPresent(roots, list);
      if (kind == null) {
        untyped.add(t);
      }
      if (t.hasScale()) {
        addIfPresent(roots, modelClass("autoscaling", "v1", "Scale"));
      }
    }
    addIfPresent(roots, loadClass(FABRIC8 + ".Status"));
    addIfPresent(roots, loadClass(FABRIC8 + ".DeleteOptions"));

    // 2. Schemas of everything those classes reach, plus free-form ones for unknown kinds.
    SortedMap<String, ObjectNode> all = new TreeMap<>(in.schemas().closure(roots));
    for (ResourceType t : untyped) {
      all.put(fallbackName(gv, t.kind()), freeForm(new Gvk(gv.group(), gv.version(), t.kind())));
    }
    ObjectNode components = doc.putObject("components").putObject("schemas");
    all.forEach(components::set);

    byte[] bytes = Json.MAPPER.writeValueAsBytes(doc);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "built OpenAPI document {}: {} schemas, {} bytes in {} ms",
          key,
          all.size(),
          bytes.length,
          (System.nanoTime() - start) / 1_000_000);
    }
    return bytes;
  }

  private Inputs inputs() {
    Inputs in = inputs;
    if (in == null) {
      synchronized (this) {
        in = inputs;
        if (in == null) {
          in = readInputs();
          inputs = in;
        }
      }
    }
    return in;
  }

  /**
   * Reads the data files and builds the index.
   *
   * @throws IllegalStateException when a data file is missing or has a malformed entry
   */
  private Inputs readInputs() {
    Descriptions descriptions = new Descriptions(DataFile.load("descriptions.properties"));
    FieldFacts facts = new FieldFacts(DataFile.load("field-facts.properties"));
    Map<String, GroupVersion> keys = new LinkedHashMap<>();
    ObjectNode idx = NODES.objectNode();
    ObjectNode paths = idx.putObject("paths");
    for (Map.Entry<String, List<String>> g : registry.groups().entrySet()) {
      for (String v : g.getValue()) {
        String key = g.getKey().isEmpty() ? "api/" + v : "apis/" + g.getKey() + "/" + v;
        keys.put(key, new GroupVersion(g.getKey(), v));
        String hash = fingerprint(key, g.getKey(), v, descriptions, facts);
        paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
      }
    }
    return new Inputs(
        Collections.unmodifiableMap(keys),
        Json.MAPPER.writeValueAsBytes(idx),
        descriptions,
        facts,
        new ModelSchemas(descriptions, facts));
  }

  /**
   * The fabric8 class of a kind, or null. fabric8 puts core kinds in the root package and other
   * groups in {@code <group>.<version>} or, for groups with only v1, {@code <group>}; the class
   * must declare the same group and version to count.
   */
  static Class<?> modelClass(String group, String version, String kind) {
    List<String> candidates = new ArrayList<>();
    if (group.isEmpty()) {
      candidates.add(FABRIC8 + "." + kind);
    } else {
      String pkg = FABRIC8 + "." + group.split("\\.")[0];
      candidates.add(pkg + "." + version + "." + kind);
      candidates.add(pkg + "." + kind);
    }
    for (String name : candidates) {
      Class<?> c = loadClass(name);
      Gvk gvk = c == null ? null : ModelSchemas.gvkOf(c);
      if (gvk != null && gvk.group().equals(group) && gvk.version().equals(version)) {
        return c;
      }
    }
    return null;
  }

  private static Class<?> loadClass(String name) {
    try {
      return Class.forName(name, false, OpenApiDocuments.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static void addIfPresent(Set<Class<?>> roots, Class<?> c) {
    if (c != null) {
      roots.add(c);
    }
  }

  private static String fallbackName(GroupVersion gv, String kind) {
    String g = gv.group().isEmpty() ? "core" : gv.group().split("\\.")[0];
    return "io.k8s.api." + g + "." + gv.version() + "." + kind;
  }

  /** A schema for a kind kc serves without a model: any object, tagged with its GVK. */
  private ObjectNode freeForm(Gvk gvk) {
    ObjectNode s = NODES.objectNode();
    s.put("description", gvk.kind() + " (kc has no schema for this kind; any fields are kept).");
    s.put("type", "object");
    s.put("x-kubernetes-preserve-unknown-fields", true);
    s.putArray("x-kubernetes-group-version-kind").add(gvk.toJson());
    return s;
  }

  /**
   * A 64-bit FNV-1a hash over everything a document is built from, short of building it. Not
   * cryptographic: it only has to change when the inputs change (SHA-256 cost ~90 ms of security
   * provider start-up on a cold JVM for no benefit here).
   */
  private String fingerprint(
      String key, String group, String version, Descriptions descriptions, FieldFacts facts) {
    long h = FNV_OFFSET;
    h = fnv(h, GENERATOR_REVISION);
    h = fnv(h, String.valueOf(OpenApiDocuments.class.getPackage().getImplementationVersion()));
    h = fnv(h, String.valueOf(fabric8Version()));
    h = fnv(h, descriptions.file().bytes());
    h = fnv(h, facts.file().bytes());
    h = fnv(h, key);
    for (ResourceType t : registry.typesIn(group, version)) {
      h = fnv(h, t.toString());
    }
    return String.format("%016X", h);
  }

  private static long fnv(long h, String s) {
    // The separator keeps ("ab", "c") and ("a", "bc") apart.
    return fnv(fnv(h, s.getBytes(StandardCharsets.UTF_8)), new byte[] {0});
  }

  private static long fnv(long h, byte[] bytes) {
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  private static String fabric8Version() {
    Class<?> c = loadClass(FABRIC8 + ".HasMetadata");
    return c == null ? null : c.getPackage().getImplementationVersion();
  }

  /** The keys of the served documents, in index order. */
  List<String> keys() {
    return List.copyOf(inputs().keys().keySet());
  }
}
