package dev.kc.api.patch;

import static dev.kc.api.patch.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Malformed patches must fail with a PatchException that says what and where. */
class StrategicMergePatchErrorTest {
  private static final PatchMeta DEPLOYMENT = PatchMeta.forKind("apps/v1", "Deployment");

  private static final String DEPLOYMENT_JSON =
      "{'metadata':{'name':'web','labels':{'a':'1'},'finalizers':['f']},"
          + "'spec':{'strategy':{'type':'RollingUpdate'},'template':{'spec':{"
          + "'containers':[{'name':'a','image':'1'},{'name':'b'}],"
          + "'tolerations':[{'key':'t'}]}}}}";

  static Stream<Arguments> cases() {
    return Stream.of(
        row("a patch that is not an object", "[1]", "must be a JSON object"),
        row(
            "an unknown patch directive value",
            "{'metadata':{'labels':{'$patch':'frobnicate'}}}",
            ".metadata.labels: unknown $patch directive \"frobnicate\""),
        row(
            "a patch directive that is not a string",
            "{'metadata':{'$patch':1}}",
            "unknown $patch directive 1"),
        row(
            "a merged list element without its merge key",
            "{'spec':{'template':{'spec':{'containers':[{'image':'x'}]}}}}",
            ".spec.template.spec.containers: element has no merge key \"name\""),
        row(
            "a delete directive without its merge key",
            "{'spec':{'template':{'spec':{'containers':[{'$patch':'delete'}]}}}}",
            "element has no merge key \"name\""),
        row(
            "an unknown directive in a list element",
            "{'spec':{'template':{'spec':{'containers':[{'$patch':'drop','name':'a'}]}}}}",
            "unknown $patch directive \"drop\""),
        row(
            "a scalar element in a list that merges by key",
            "{'spec':{'template':{'spec':{'containers':['a']}}}}",
            "this list merges by \"name\"; element is not an object"),
        row(
            "an object where a merged list is expected",
            "{'spec':{'template':{'spec':{'containers':{'name':'a'}}}}}",
            ".spec.template.spec.containers: expected a list for a merged list"),
        row(
            "a scalar where a merged list is expected",
            "{'metadata':{'finalizers':'f'}}",
            ".metadata.finalizers: expected a list"),
        row(
            "an object in a merged set of scalars",
            "{'metadata':{'finalizers':[{'a':1}]}}",
            "merges as a set of scalars"),
        row(
            "retainKeys that is not a list",
            "{'spec':{'strategy':{'$retainKeys':'type'}}}",
            ".spec.strategy: $retainKeys must be a list of field names"),
        row(
            "retainKeys with a non-string entry",
            "{'spec':{'strategy':{'$retainKeys':[1]}}}",
            "$retainKeys must be a list of field names"),
        row(
            "a field set outside its retainKeys",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':{}}}}",
            "field \"rollingUpdate\" is set but not listed in $retainKeys"),
        row(
            "setElementOrder that is not a list",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':{'name':'a'}}}}}",
            "\"$setElementOrder/containers\" must be a list"),
        row(
            "setElementOrder without a field name",
            "{'spec':{'template':{'spec':{'$setElementOrder':[]}}}}",
            "must look like $setElementOrder/<field>"),
        row(
            "setElementOrder on a list that is replaced whole",
            "{'spec':{'template':{'spec':{'$setElementOrder/tolerations':[{'key':'t'}]}}}}",
            ".spec.template.spec.tolerations: $setElementOrder and $deleteFromPrimitiveList need"),
        row(
            "setElementOrder on an atomic list that the patch also sets",
            "{'spec':{'template':{'spec':{'$setElementOrder/tolerations':[],"
                + "'tolerations':[{'key':'u'}]}}}}",
            "this field is replaced whole"),
        row(
            "setElementOrder entries without the merge key",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'image':'x'}]}}}}",
            "element has no merge key \"name\""),
        row(
            "setElementOrder entries that are not objects",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':['a']}}}}",
            "$setElementOrder list entries must be objects with \"name\""),
        row(
            "patch elements missing from setElementOrder",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'a'}],"
                + "'containers':[{'name':'c'}]}}}}",
            "missing from, or ordered differently than, its $setElementOrder list"),
        row(
            "patch elements ordered against setElementOrder",
            "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'b'},"
                + "{'name':'a'}],'containers':[{'name':'a'},{'name':'b'}]}}}}",
            "ordered differently"),
        row(
            "deleteFromPrimitiveList on a list that merges by key",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a'}],"
                + "'$deleteFromPrimitiveList/containers':['a']}}}}",
            "$deleteFromPrimitiveList applies to lists of scalars"),
        row(
            "deleteFromPrimitiveList with an object entry",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':[{'f':1}]}}",
            "merges as a set of scalars"),
        row(
            "a delete directive inside a list that is replaced whole",
            "{'spec':{'template':{'spec':{'tolerations':[{'$patch':'delete','key':'t'}]}}}}",
            "needs a list that merges by key"));
  }

  private static Arguments row(String name, String patch, String message) {
    return Arguments.of(name, json(patch), message);
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("cases")
  void rejectsMalformedPatch(String name, JsonNode patch, String message) {
    JsonNode original = json(DEPLOYMENT_JSON);

    PatchException error =
        assertThrows(
            PatchException.class, () -> StrategicMergePatch.apply(original, patch, DEPLOYMENT));

    assertTrue(
        error.getMessage().contains(message),
        () -> "message \"" + error.getMessage() + "\" should contain \"" + message + "\"");
  }

  @ParameterizedTest(name = "rejects a {0} as the document to patch")
  @MethodSource("nonObjects")
  void rejectsNonObjectOriginal(String name, String original) {
    PatchException error =
        assertThrows(
            PatchException.class,
            () -> StrategicMergePatch.apply(json(original), json("{}"), DEPLOYMENT));

    assertTrue(error.getMessage().contains("only JSON objects can be patched"));
  }

  static Stream<Arguments> nonObjects() {
    return Stream.of(Arguments.of("list", "[1]"), Arguments.of("string", "'x'"));
  }
}
