package dev.kc.api.patch;

import static dev.kc.api.patch.TestJson.assertJson;
import static dev.kc.api.patch.TestJson.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class StrategicMergePatchApplyTest {
  private static final PatchMeta POD = PatchMeta.forKind("v1", "Pod");
  private static final PatchMeta DEPLOYMENT = PatchMeta.forKind("apps/v1", "Deployment");
  private static final PatchMeta SERVICE = PatchMeta.forKind("v1", "Service");
  private static final PatchMeta STATEFUL_SET = PatchMeta.forKind("apps/v1", "StatefulSet");

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "maps merge recursively and null deletes a key",
            POD,
            "{'metadata':{'labels':{'a':'1','b':'2'}},'spec':{'nodeName':'n1'}}",
            "{'metadata':{'labels':{'a':null,'c':'3'}}}",
            "{'metadata':{'labels':{'b':'2','c':'3'}},'spec':{'nodeName':'n1'}}"),
        row(
            "null for an absent key is a no-op",
            POD,
            "{'metadata':{'name':'p'}}",
            "{'metadata':{'labels':null}}",
            "{'metadata':{'name':'p'}}"),
        row(
            "containers merge by name and follow the patch order",
            POD,
            "{'spec':{'containers':[{'name':'a','image':'a1'},{'name':'b','image':'b1'}]}}",
            "{'spec':{'containers':[{'name':'b','image':'b2'},{'name':'c','image':'c1'}]}}",
            "{'spec':{'containers':[{'name':'a','image':'a1'},{'name':'b','image':'b2'},"
                + "{'name':'c','image':'c1'}]}}"),
        row(
            "a new element alone in a patch lands first, as on the API server",
            POD,
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'containers':[{'name':'c'}]}}",
            "{'spec':{'containers':[{'name':'c'},{'name':'a'},{'name':'b'}]}}"),
        row(
            "setElementOrder places a new element where the order says",
            POD,
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'a'},{'name':'c'},{'name':'b'}],"
                + "'containers':[{'name':'c','image':'c1'}]}}",
            "{'spec':{'containers':[{'name':'a'},{'name':'c','image':'c1'},{'name':'b'}]}}"),
        row(
            "setElementOrder alone reorders and keeps unnamed elements at their live places",
            POD,
            "{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'}]}}",
            "{'spec':{'containers':[{'name':'b'},{'name':'c'},{'name':'a'}]}}"),
        row(
            "setElementOrder on an absent list is a no-op",
            POD,
            "{'spec':{}}",
            "{'spec':{'$setElementOrder/containers':[{'name':'a'}]}}",
            "{'spec':{}}"),
        row(
            "delete directive removes the element with that key",
            POD,
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'containers':[{'$patch':'delete','name':'a'}]}}",
            "{'spec':{'containers':[{'name':'b'}]}}"),
        row(
            "delete directive for a missing key is a no-op",
            POD,
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'containers':[{'$patch':'delete','name':'zz'}]}}",
            "{'spec':{'containers':[{'name':'a'}]}}"),
        row(
            "replace element makes the other elements the whole list",
            POD,
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c1'},{'$patch':'replace'}]}}",
            "{'spec':{'containers':[{'name':'c','image':'c1'}]}}"),
        row(
            "nested lists merge: env by name, ports by containerPort, mounts by mountPath",
            POD,
            "{'spec':{'containers':[{'name':'app','env':[{'name':'A','value':'1'},"
                + "{'name':'B','value':'2'}],'ports':[{'containerPort':80,'protocol':'TCP'}],"
                + "'volumeMounts':[{'name':'v','mountPath':'/a'}]}]}}",
            "{'spec':{'containers':[{'name':'app','env':[{'name':'B','value':'20'}],"
                + "'ports':[{'containerPort':80,'name':'http'}],"
                + "'volumeMounts':[{'mountPath':'/a','readOnly':true}]}]}}",
            "{'spec':{'containers':[{'name':'app','env':[{'name':'A','value':'1'},"
                + "{'name':'B','value':'20'}],"
                + "'ports':[{'containerPort':80,'protocol':'TCP','name':'http'}],"
                + "'volumeMounts':[{'name':'v','mountPath':'/a','readOnly':true}]}]}}"),
        row(
            "volumeDevices merge by devicePath",
            POD,
            "{'spec':{'containers':[{'name':'app',"
                + "'volumeDevices':[{'devicePath':'/d','name':'x'}]}]}}",
            "{'spec':{'containers':[{'name':'app',"
                + "'volumeDevices':[{'devicePath':'/d','name':'y'}]}]}}",
            "{'spec':{'containers':[{'name':'app',"
                + "'volumeDevices':[{'devicePath':'/d','name':'y'}]}]}}"),
        row(
            "finalizers merge as a set union",
            POD,
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['b','c']}}",
            "{'metadata':{'finalizers':['a','b','c']}}"),
        row(
            "a finalizer added alone lands first, as on the API server",
            POD,
            "{'metadata':{'finalizers':['a','b']}}",
            "{'metadata':{'finalizers':['c']}}",
            "{'metadata':{'finalizers':['c','a','b']}}"),
        row(
            "deleteFromPrimitiveList removes values from a merged set",
            POD,
            "{'metadata':{'finalizers':['a','b','c']}}",
            "{'metadata':{'$deleteFromPrimitiveList/finalizers':['b','zz']}}",
            "{'metadata':{'finalizers':['a','c']}}"),
        row(
            "setElementOrder, additions and deletions of one set combine",
            POD,
            "{'metadata':{'finalizers':['a','b','x']}}",
            "{'metadata':{'$setElementOrder/finalizers':['b','c'],'finalizers':['c'],"
                + "'$deleteFromPrimitiveList/finalizers':['a']}}",
            "{'metadata':{'finalizers':['b','c','x']}}"),
        row(
            "args are atomic and replaced whole",
            POD,
            "{'spec':{'containers':[{'name':'app','args':['a','b'],'command':['x']}]}}",
            "{'spec':{'containers':[{'name':'app','args':['c']}]}}",
            "{'spec':{'containers':[{'name':'app','args':['c'],'command':['x']}]}}"),
        row(
            "tolerations are atomic and replaced whole",
            POD,
            "{'spec':{'tolerations':[{'key':'a','operator':'Exists'}]}}",
            "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}",
            "{'spec':{'tolerations':[{'key':'b','operator':'Exists'}]}}"),
        row(
            "hostAliases merge by ip and topologySpreadConstraints by topologyKey",
            POD,
            "{'spec':{'hostAliases':[{'ip':'1.1.1.1','hostnames':['a']}],"
                + "'topologySpreadConstraints':[{'topologyKey':'zone','maxSkew':1}]}}",
            "{'spec':{'hostAliases':[{'ip':'1.1.1.1','hostnames':['b']}],"
                + "'topologySpreadConstraints':[{'topologyKey':'zone','maxSkew':2}]}}",
            "{'spec':{'hostAliases':[{'ip':'1.1.1.1','hostnames':['b']}],"
                + "'topologySpreadConstraints':[{'topologyKey':'zone','maxSkew':2}]}}"),
        row(
            "imagePullSecrets merge by name",
            POD,
            "{'spec':{'imagePullSecrets':[{'name':'x'}]}}",
            "{'spec':{'$setElementOrder/imagePullSecrets':[{'name':'x'},{'name':'y'}],"
                + "'imagePullSecrets':[{'name':'y'}]}}",
            "{'spec':{'imagePullSecrets':[{'name':'x'},{'name':'y'}]}}"),
        row(
            "retainKeys clears the other members of a union",
            DEPLOYMENT,
            "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
            "{'spec':{'strategy':{'type':'Recreate'}}}"),
        row(
            "retainKeys on a volume switches its source",
            POD,
            "{'spec':{'volumes':[{'name':'v','emptyDir':{}},{'name':'w','emptyDir':{}}]}}",
            "{'spec':{'volumes':[{'name':'v','$retainKeys':['configMap','name'],"
                + "'configMap':{'name':'cm'},'emptyDir':null}]}}",
            "{'spec':{'volumes':[{'name':'v','configMap':{'name':'cm'}},"
                + "{'name':'w','emptyDir':{}}]}}"),
        row(
            "patch replace on a map replaces it with the rest of the patch",
            POD,
            "{'metadata':{'labels':{'a':'1','b':'2'}}}",
            "{'metadata':{'labels':{'$patch':'replace','c':'3'}}}",
            "{'metadata':{'labels':{'c':'3'}}}"),
        row(
            "patch delete on a map removes it",
            DEPLOYMENT,
            "{'spec':{'replicas':1,'strategy':{'type':'Recreate'}}}",
            "{'spec':{'strategy':{'$patch':'delete'}}}",
            "{'spec':{'replicas':1}}"),
        row(
            "patch delete at the top level empties the object",
            DEPLOYMENT,
            "{'spec':{'replicas':1}}",
            "{'$patch':'delete'}",
            "{}"),
        row(
            "patch merge is the default",
            POD,
            "{'metadata':{'labels':{'a':'1'}}}",
            "{'metadata':{'labels':{'$patch':'merge','c':'3'}}}",
            "{'metadata':{'labels':{'a':'1','c':'3'}}}"),
        row(
            "status conditions merge by type",
            DEPLOYMENT,
            "{'status':{'conditions':[{'type':'Available','status':'False'},"
                + "{'type':'Progressing','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Available','status':'True'}]}}",
            "{'status':{'conditions':[{'type':'Available','status':'True'},"
                + "{'type':'Progressing','status':'True'}]}}"),
        row(
            "ownerReferences merge by uid",
            POD,
            "{'metadata':{'ownerReferences':[{'uid':'u1','name':'a'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'u1','name':'b'},{'uid':'u2','name':'c'}]}}",
            "{'metadata':{'ownerReferences':[{'uid':'u1','name':'b'},{'uid':'u2','name':'c'}]}}"),
        row(
            "service ports merge by port",
            SERVICE,
            "{'spec':{'ports':[{'port':80,'targetPort':8080},{'port':443}]}}",
            "{'spec':{'ports':[{'port':80,'targetPort':9090}]}}",
            "{'spec':{'ports':[{'port':80,'targetPort':9090},{'port':443}]}}"),
        row(
            "statefulset volumeClaimTemplates are replaced whole",
            STATEFUL_SET,
            "{'spec':{'volumeClaimTemplates':[{'metadata':{'name':'a'}},"
                + "{'metadata':{'name':'b'}}]}}",
            "{'spec':{'volumeClaimTemplates':[{'metadata':{'name':'c'}}]}}",
            "{'spec':{'volumeClaimTemplates':[{'metadata':{'name':'c'}}]}}"),
        row(
            "deployment pod template containers merge by name",
            DEPLOYMENT,
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'1'},"
                + "{'name':'b'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'}]}}}}",
            "{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'2'},"
                + "{'name':'b'}]}}}}"),
        row(
            "null deletes a merged list",
            POD,
            "{'spec':{'containers':[{'name':'a'}],'nodeName':'n'}}",
            "{'spec':{'containers':null}}",
            "{'spec':{'nodeName':'n'}}"),
        row(
            "an empty patch list leaves a merged list alone",
            POD,
            "{'spec':{'containers':[{'name':'a'}]}}",
            "{'spec':{'containers':[]}}",
            "{'spec':{'containers':[{'name':'a'}]}}"),
        row(
            "directives and nulls inside an added value are processed, not stored",
            POD,
            "{}",
            "{'spec':{'containers':[{'name':'a','image':null,'env':[{'name':'X','value':'1'},"
                + "{'$patch':'delete','name':'Y'}],'$setElementOrder/env':[{'name':'X'}]}]}}",
            "{'spec':{'containers':[{'name':'a','env':[{'name':'X','value':'1'}]}]}}"),
        row(
            "a value of another type replaces the old one",
            DEPLOYMENT,
            "{'spec':{'strategy':{'rollingUpdate':{'maxSurge':1}}}}",
            "{'spec':{'strategy':{'rollingUpdate':{'maxSurge':'25%'}}}}",
            "{'spec':{'strategy':{'rollingUpdate':{'maxSurge':'25%'}}}}"),
        row(
            "merge keys compare numbers by value and the patch value is kept",
            POD,
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80.0,'name':'h'}]}]}}",
            "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80.0,'name':'h'}]}]}}"),
        row(
            "unknown kinds replace lists like JSON merge patch",
            PatchMeta.none(),
            "{'spec':{'containers':[{'name':'a'},{'name':'b'}],'x':{'y':1}}}",
            "{'spec':{'containers':[{'name':'c'}],'x':{'z':2}}}",
            "{'spec':{'containers':[{'name':'c'}],'x':{'y':1,'z':2}}}"),
        row(
            "dollar keys that are not directives are ordinary fields",
            PatchMeta.none(),
            "{'schema':{'$ref':'#/a'}}",
            "{'schema':{'$ref':'#/b','$schema':'x'}}",
            "{'schema':{'$ref':'#/b','$schema':'x'}}"));
  }

  private static Arguments row(
      String name, PatchMeta meta, String original, String patch, String expected) {
    return Arguments.of(name, meta, json(original), json(patch), json(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesPatch(
      String name, PatchMeta meta, JsonNode original, JsonNode patch, JsonNode expected) {
    JsonNode originalBefore = original.deepCopy();
    JsonNode patchBefore = patch.deepCopy();

    JsonNode result = StrategicMergePatch.apply(original, patch, meta);

    assertJson(expected, result);
    assertEquals(originalBefore, original, "original must be untouched");
    assertEquals(patchBefore, patch, "patch must be untouched");
  }

  /** The apply body kubectl 1.32 sends, applied to a live Deployment. */
  @Test
  void appliesTheObservedKubectlApplyBody() {
    JsonNode live =
        json(
            "{'metadata':{'labels':{'app':'web','tier':'fe','owner':'ops'}},"
                + "'spec':{'strategy':{'type':'RollingUpdate',"
                + "'rollingUpdate':{'maxSurge':1,'maxUnavailable':'25%'}},"
                + "'template':{'spec':{'containers':["
                + "{'name':'app','image':'app:1','args':['x'],'imagePullPolicy':'Always',"
                + "'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}],"
                + "'ports':[{'containerPort':8080,'protocol':'TCP'}]},"
                + "{'name':'side','image':'side:1'}],"
                + "'volumes':[{'name':'v','emptyDir':{}}],'restartPolicy':'Always'}}}}");
    JsonNode body =
        json(
            "{'metadata':{'labels':{'tier':null}},'spec':{"
                + "'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null},"
                + "'template':{'spec':{"
                + "'$setElementOrder/containers':[{'name':'side'},{'name':'app'}],"
                + "'containers':[{'name':'app','image':'app:2','args':['a'],"
                + "'$setElementOrder/env':[{'name':'B'}],"
                + "'env':[{'$patch':'delete','name':'A'}],"
                + "'$setElementOrder/ports':[{'containerPort':9090}],"
                + "'ports':[{'$patch':'delete','containerPort':8080}]}],"
                + "'$setElementOrder/volumes':[{'name':'v'}],"
                + "'volumes':[{'name':'v','$retainKeys':['configMap','name'],"
                + "'configMap':{'name':'cm'},'emptyDir':null}]}}}}");

    JsonNode result = StrategicMergePatch.apply(live, body, DEPLOYMENT);

    assertJson(
        json(
            "{'metadata':{'labels':{'app':'web','owner':'ops'}},"
                + "'spec':{'strategy':{'type':'Recreate'},"
                + "'template':{'spec':{'containers':["
                + "{'name':'side','image':'side:1'},"
                + "{'name':'app','image':'app:2','args':['a'],'imagePullPolicy':'Always',"
                + "'env':[{'name':'B','value':'2'}],'ports':[]}],"
                + "'volumes':[{'name':'v','configMap':{'name':'cm'}}],"
                + "'restartPolicy':'Always'}}}}"),
        result);
  }

  @Test
  void treatsNullOriginalAsEmptyObject() {
    JsonNode result = StrategicMergePatch.apply(null, json("{'a':{'b':1}}"), POD);

    assertJson(json("{'a':{'b':1}}"), result);
  }

  @Test
  void resultSharesNoMutableNodesWithInputs() {
    JsonNode original = json("{'spec':{'containers':[{'name':'a','env':[{'name':'X'}]}]}}");
    JsonNode patch = json("{'spec':{'nodeName':'n'}}");

    JsonNode result = StrategicMergePatch.apply(original, patch, POD);
    ((tools.jackson.databind.node.ObjectNode) result.get("spec").get("containers").get(0))
        .put("image", "changed");

    assertJson(json("{'spec':{'containers':[{'name':'a','env':[{'name':'X'}]}]}}"), original);
  }
}
