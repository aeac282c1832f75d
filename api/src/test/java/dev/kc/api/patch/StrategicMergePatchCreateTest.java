package dev.kc.api.patch;

import static dev.kc.api.patch.TestJson.assertJson;
import static dev.kc.api.patch.TestJson.json;
import static dev.kc.api.patch.TestJson.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Patch creation, checked against bodies recorded from kubectl 1.32 (see the JSON resources) and
 * against the outcome of applying the patch.
 */
class StrategicMergePatchCreateTest {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final PatchMeta DEPLOYMENT = PatchMeta.forKind("apps/v1", "Deployment");

  static Stream<Arguments> kubectlApply() {
    return cases("kubectl-1.32-apply.json");
  }

  static Stream<Arguments> kubectlEdit() {
    return cases("kubectl-1.32-edit.json");
  }

  private static Stream<Arguments> cases(String resource) {
    List<Arguments> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : resource(resource).get("cases").properties()) {
      rows.add(Arguments.of(entry.getKey(), entry.getValue()));
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "apply: {0}")
  @MethodSource("kubectlApply")
  void threeWayPatchMatchesKubectl(String name, JsonNode recorded) {
    JsonNode original = recorded.get("original");
    JsonNode modified = recorded.get("modified");
    JsonNode current = recorded.get("current");
    PatchMeta meta = PatchMeta.forObject(modified);
    boolean overwrite = recorded.get("overwrite").booleanValue();

    if (recorded.get("conflict").booleanValue()) {
      assertThrows(
          PatchConflictException.class,
          () -> StrategicMergePatch.createThreeWay(original, modified, current, meta, overwrite));
      return;
    }
    JsonNode patch =
        StrategicMergePatch.createThreeWay(original, modified, current, meta, overwrite);

    assertJson(recorded.get("patch"), patch);
  }

  /**
   * After the recorded patch is applied, applying the same manifest again changes nothing. (The
   * second patch need not be empty: kubectl re-sends explicit nulls and $setElementOrder for sets
   * with extra live values.)
   */
  @ParameterizedTest(name = "apply twice: {0}")
  @MethodSource("kubectlApply")
  void reapplyingTheSameManifestChangesNothing(String name, JsonNode recorded) {
    JsonNode modified = recorded.get("modified");
    PatchMeta meta = PatchMeta.forObject(modified);
    if (recorded.get("conflict").booleanValue()) {
      return;
    }

    JsonNode live = StrategicMergePatch.apply(recorded.get("current"), recorded.get("patch"), meta);
    JsonNode lastApplied =
        json(live.get("metadata").get("annotations").get(LAST_APPLIED).stringValue());
    JsonNode again = StrategicMergePatch.createThreeWay(lastApplied, modified, live, meta, true);

    assertJson(live, StrategicMergePatch.apply(live, again, meta));
  }

  @ParameterizedTest(name = "edit: {0}")
  @MethodSource("kubectlEdit")
  void twoWayPatchMatchesKubectlAndReproducesTheEdit(String name, JsonNode recorded) {
    JsonNode original = recorded.get("original");
    JsonNode modified = recorded.get("modified");

    JsonNode patch = StrategicMergePatch.createTwoWay(original, modified, DEPLOYMENT);

    assertJson(recorded.get("patch"), patch);
    assertJson(modified, StrategicMergePatch.apply(original, patch, DEPLOYMENT));
  }

  @Test
  void applyKeepsForeignChangesWhileRemovingAContainerAndAddingAnEnvVar() {
    JsonNode lastApplied =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'labels':{'app':'web'}},'spec':{'replicas':2,'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:1'},{'name':'side','image':'side:1'}]}}}}");
    JsonNode manifest =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                + "'labels':{'app':'web'}},'spec':{'replicas':2,'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:1','env':[{'name':'MODE','value':'fast'}]}]}}}}");
    JsonNode live =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','uid':'u1',"
                + "'labels':{'app':'web','owner':'ops'}},'spec':{'replicas':2,'template':{'spec':{"
                + "'containers':[{'name':'app','image':'app:1','imagePullPolicy':'Always'},"
                + "{'name':'side','image':'side:1'}],'restartPolicy':'Always'}}},"
                + "'status':{'replicas':2}}");

    JsonNode patch =
        StrategicMergePatch.createThreeWay(lastApplied, manifest, live, DEPLOYMENT, true);
    JsonNode result = StrategicMergePatch.apply(live, patch, DEPLOYMENT);

    assertJson(
        json(
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'app'}],"
                + "'containers':[{'name':'app','env':[{'name':'MODE','value':'fast'}]},"
                + "{'$patch':'delete','name':'side'}]}}}}"),
        patch);
    assertJson(
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','uid':'u1',"
                + "'labels':{'app':'web','owner':'ops'}},'spec':{'replicas':2,'template':{'spec':{"
                + "'containers':[{'name':'app','image':'app:1','imagePullPolicy':'Always',"
                + "'env':[{'name':'MODE','value':'fast'}]}],'restartPolicy':'Always'}}},"
                + "'status':{'replicas':2}}"),
        result);
  }

  static Stream<Arguments> threeWayCases() {
    return Stream.of(
        threeWay(
            "unchanged manifest gives an empty patch",
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'a':'1','b':'2'}},'status':{'x':1}}",
            "{}"),
        threeWay(
            "a field removed from the file is deleted",
            "{'spec':{'replicas':2,'paused':true}}",
            "{'spec':{'replicas':2}}",
            "{'spec':{'replicas':2,'paused':true}}",
            "{'spec':{'paused':null}}"),
        threeWay(
            "a field set by others is kept",
            "{'spec':{'replicas':2}}",
            "{'spec':{'replicas':3}}",
            "{'spec':{'replicas':2,'minReadySeconds':5}}",
            "{'spec':{'replicas':3}}"),
        threeWay(
            "a field never in the file but on the live object is not deleted",
            null,
            "{'spec':{'replicas':3}}",
            "{'spec':{'replicas':2,'paused':true}}",
            "{'spec':{'replicas':3}}"),
        threeWay(
            "a finalizer removed from the file uses deleteFromPrimitiveList",
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b']}}",
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a'],"
                + "'$setElementOrder/finalizers':['b']}}"),
        threeWay(
            "a reordered list sends only setElementOrder",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'b'},{'name':'a'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','x':1},{'name':'b'}]}}}}",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'b'},"
                + "{'name':'a'}]}}}}"),
        threeWay(
            "a list element removed from the file is deleted even if others changed it",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a'},{'name':'b','image':'x'}]}}}}",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'a'}],"
                + "'containers':[{'$patch':'delete','name':'b'}]}}}}"),
        threeWay(
            "an atomic list that differs from live is sent whole",
            "{'spec':{'template':{'spec':{'tolerations':[{'key':'a'}]}}}}",
            "{'spec':{'template':{'spec':{'tolerations':[{'key':'a'}]}}}}",
            "{'spec':{'template':{'spec':{'tolerations':[{'key':'a'},{'key':'added'}]}}}}",
            "{'spec':{'template':{'spec':{'tolerations':[{'key':'a'}]}}}}"));
  }

  private static Arguments threeWay(
      String name, String original, String modified, String current, String expected) {
    return Arguments.of(
        name,
        original == null ? null : json(original),
        json(modified),
        json(current),
        json(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("threeWayCases")
  void createsThreeWayPatch(
      String name, JsonNode original, JsonNode modified, JsonNode current, JsonNode expected) {
    JsonNode patch =
        StrategicMergePatch.createThreeWay(original, modified, current, DEPLOYMENT, true);

    assertJson(expected, patch);
  }

  static Stream<Arguments> conflictCases() {
    String lastApplied =
        "{'spec':{'replicas':2,'template':{'spec':{'containers':["
            + "{'name':'app','image':'app:1'}]}}}}";
    return Stream.of(
        Arguments.of(
            "others changed a different field",
            lastApplied,
            "{'spec':{'replicas':3,'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:1'}]}}}}",
            "{'metadata':{'labels':{'x':'y'}},'spec':{'replicas':2,'template':{'spec':{"
                + "'containers':[{'name':'app','image':'app:1'}]}}}}",
            false),
        Arguments.of(
            "others changed the same field to the same value",
            lastApplied,
            "{'spec':{'replicas':3,'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:1'}]}}}}",
            "{'spec':{'replicas':3,'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:1'}]}}}}",
            false),
        Arguments.of(
            "others changed the image the file changes too",
            lastApplied,
            "{'spec':{'replicas':2,'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:2'}]}}}}",
            "{'spec':{'replicas':2,'template':{'spec':{'containers':["
                + "{'name':'app','image':'hotfix'}]}}}}",
            true),
        Arguments.of(
            "others changed a container the file deletes",
            "{'spec':{'template':{'spec':{'containers':[{'name':'app'},{'name':'side'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'app'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'app'},"
                + "{'name':'side','image':'new'}]}}}}",
            true));
  }

  @ParameterizedTest(name = "without overwrite: {0}")
  @MethodSource("conflictCases")
  void detectsConflictsOnlyWithoutOverwrite(
      String name, String original, String modified, String current, boolean conflict) {
    JsonNode lastApplied = json(original);
    JsonNode manifest = json(modified);
    JsonNode live = json(current);

    if (conflict) {
      PatchConflictException error =
          assertThrows(
              PatchConflictException.class,
              () ->
                  StrategicMergePatch.createThreeWay(
                      lastApplied, manifest, live, DEPLOYMENT, false));
      assertTrue(error.getMessage().contains(".spec.template.spec.containers"));
    } else {
      StrategicMergePatch.createThreeWay(lastApplied, manifest, live, DEPLOYMENT, false);
    }
    JsonNode overwritten =
        StrategicMergePatch.createThreeWay(lastApplied, manifest, live, DEPLOYMENT, true);
    assertTrue(overwritten.isObject());
  }

  @Test
  void leavesItsInputsUntouched() {
    JsonNode original = json("{'metadata':{'finalizers':['a','b']},'spec':{'x':1}}");
    JsonNode modified = json("{'metadata':{'finalizers':['b','c']}}");
    JsonNode current = json("{'metadata':{'finalizers':['a','b','z']},'spec':{'x':1}}");
    List<JsonNode> before = List.of(original.deepCopy(), modified.deepCopy(), current.deepCopy());

    StrategicMergePatch.createThreeWay(original, modified, current, DEPLOYMENT, false);
    StrategicMergePatch.createTwoWay(original, modified, DEPLOYMENT);

    assertEquals(before, List.of(original, modified, current));
  }

  @Test
  void sortsPatchKeysLikeKubectl() {
    JsonNode patch =
        StrategicMergePatch.createTwoWay(
            json("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'}]}}}}"),
            json("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}"),
            DEPLOYMENT);

    assertEquals(
        "{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"a\"}],"
            + "\"containers\":[{\"image\":\"2\",\"name\":\"a\"}]}}}}",
        patch.toString());
  }

  @Test
  void rejectsListsThatMixObjectsAndScalars() {
    PatchException error =
        assertThrows(
            PatchException.class,
            () ->
                StrategicMergePatch.createTwoWay(
                    json("{'metadata':{'finalizers':['a']}}"),
                    json("{'metadata':{'finalizers':[{'a':1}]}}"),
                    DEPLOYMENT));

    assertTrue(error.getMessage().startsWith(".metadata.finalizers:"));
  }

  @Test
  void rejectsMergedListElementsWithoutMergeKey() {
    PatchException error =
        assertThrows(
            PatchException.class,
            () ->
                StrategicMergePatch.createTwoWay(
                    json("{'spec':{'template':{'spec':{'containers':[{'name':'a'}]}}}}"),
                    json("{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}"),
                    DEPLOYMENT));

    assertTrue(error.getMessage().contains("element has no merge key \"name\""));
  }
}
