package dev.kc.controlplane.controller.deployment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pod-template-hash} of a pod template: a 32-bit FNV-1a over a canonical dump of the
 * template (object keys sorted, the {@code pod-template-hash} label left out), with the collision
 * counter mixed in as four little-endian bytes when set, and the decimal value rendered through the
 * vowel-free alphabet. Not byte-identical to Kubernetes' values, but deterministic and sensitive to
 * every template field and to the collision count.
 */
final class TemplateHash {
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private TemplateHash() {}

  /**
   * The hash of {@code template}.
   *
   * @param collisionCount {@code status.collisionCount}, or null when unset
   */
  static String compute(JsonNode template, Long collisionCount) {
    ObjectNode copy = template.isObject() ? ((ObjectNode) template).deepCopy() : null;
    if (copy != null) {
      ReplicaSets.removeHashLabel(copy);
    }
    StringBuilder dump = new StringBuilder();
    canonical(copy, dump);
    int h = FNV_OFFSET;
    for (byte b : dump.toString().getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * FNV_PRIME;
    }
    if (collisionCount != null) {
      int c = (int) collisionCount.longValue();
      for (int i = 0; i < 4; i++) {
        h = (h ^ ((c >>> (8 * i)) & 0xff)) * FNV_PRIME;
      }
    }
    String decimal = Long.toString(Integer.toUnsignedLong(h));
    StringBuilder out = new StringBuilder(decimal.length());
    for (char ch : decimal.toCharArray()) {
      out.append(ALPHABET.charAt(ch % ALPHABET.length()));
    }
    return out.toString();
  }

  /** Writes {@code node} with object keys in sorted order, so equal trees dump equally. */
  private static void canonical(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(node.properties());
      entries.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (Map.Entry<String, JsonNode> e : entries) {
        out.append(quote(e.getKey())).append(':');
        canonical(e.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (JsonNode e : node) {
        canonical(e, out);
        out.append(',');
      }
      out.append(']');
    } else if (node.isString()) {
      out.append(quote(node.asString()));
    } else {
      out.append(node.toString());
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
