package dev.kc.controlplane.admission;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Test fixtures written as YAML, parsed the way a client's manifest would be. */
final class Yaml {

  private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  private Yaml() {}

  /** Parses one YAML document into a JSON tree of any shape. */
  static JsonNode node(String yaml) {
    return MAPPER.readTree(yaml);
  }

  /** Parses one YAML document into a JSON object tree. */
  static ObjectNode obj(String yaml) {
    return (ObjectNode) MAPPER.readTree(yaml);
  }
}
