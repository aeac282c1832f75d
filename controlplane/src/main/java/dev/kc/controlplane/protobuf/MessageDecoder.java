package dev.kc.controlplane.protobuf;

import dev.kc.controlplane.protobuf.MessageType.Field;
import dev.kc.controlplane.protobuf.MessageType.Kind;
import dev.kc.controlplane.protobuf.MessageType.Presence;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes a protobuf message into JSON by following a {@link MessageType} table.
 *
 * <p>Unknown fields are skipped by wire type. A known field arriving with another wire type is
 * rejected, as Go's protobuf runtime does. A scalar field seen twice keeps the last value; repeated
 * fields and maps accumulate.
 */
final class MessageDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** 0001-01-01T00:00:00Z, Go's zero time, in Unix seconds. */
  private static final long GO_ZERO_TIME = -62135596800L;

  /** 9999-12-31T23:59:59Z, the last instant Kubernetes timestamps allow. */
  private static final long LAST_SECOND_OF_9999 = 253402300799L;

  private MessageDecoder() {}

  /**
   * Decodes every field in {@code in} as a {@code type} message.
   *
   * @throws ProtobufException on malformed wire data or a field with an unexpected wire type
   */
  static ObjectNode decode(MessageType type, WireReader in) {
    ObjectNode out = NODES.objectNode();
    while (in.hasMore()) {
      int at = in.position();
      int tag = in.readTag();
      int wireType = tag & 7;
      Field field = type.field(tag >>> 3);
      if (field == null) {
        in.skip(wireType);
        continue;
      }
      if (wireType != field.kind().wireType) {
        throw WireReader.malformed(
            type.name()
                + "."
                + field.json()
                + " has wire type "
                + wireType
                + ", expected "
                + field.kind().wireType,
            at);
      }
      decodeField(field, in, out);
    }
    return out;
  }

  private static void decodeField(Field field, WireReader in, ObjectNode out) {
    String name = field.json();
    switch (field.kind()) {
      case MESSAGES -> arrayOf(out, name).add(decode(field.type(), in.readMessage()));
      case STRINGS -> arrayOf(out, name).add(in.readString());
      case STRING_MAP -> putMapEntry(objectOf(out, name), in.readMessage());
      case MESSAGE -> out.set(name, decode(field.type(), in.readMessage()));
      default -> putScalar(field, scalar(field.kind(), in), out);
    }
  }

  /** Reads a single-valued field; returns {@code null} for the zero time. */
  private static JsonNode scalar(Kind kind, WireReader in) {
    return switch (kind) {
      case STRING -> NODES.stringNode(in.readString());
      case INT32 -> NODES.numberNode((int) in.readVarint());
      case INT64 -> int64(in.readVarint());
      case BOOL -> NODES.booleanNode(in.readVarint() != 0);
      case TIME -> time(in.readMessage());
      case QUANTITY -> NODES.stringNode(quantity(in.readMessage()));
      default -> throw new IllegalStateException("not a scalar kind: " + kind);
    };
  }

  /** An int64 as the smallest node that holds it, as a JSON parser would produce it. */
  private static JsonNode int64(long v) {
    return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
  }

  private static void putScalar(Field field, JsonNode value, ObjectNode out) {
    if (field.presence() == Presence.OMIT_ZERO && isZero(value)) {
      out.remove(field.json());
      return;
    }
    out.set(field.json(), value == null ? NODES.nullNode() : value);
  }

  private static boolean isZero(JsonNode v) {
    return v == null
        || (v.isString() && v.asString().isEmpty())
        || (v.isNumber() && v.asLong() == 0)
        || (v.isBoolean() && !v.asBoolean());
  }

  /** A map entry is a message {@code {1: key, 2: value}}; either may be missing (empty). */
  private static void putMapEntry(ObjectNode map, WireReader entry) {
    String key = "";
    String value = "";
    while (entry.hasMore()) {
      int tag = entry.readTag();
      if (tag == (1 << 3 | WireReader.LEN)) {
        key = entry.readString();
      } else if (tag == (2 << 3 | WireReader.LEN)) {
        value = entry.readString();
      } else {
        entry.skip(tag & 7);
      }
    }
    map.put(key, value);
  }

  /**
   * {@code meta.v1.Time} is {@code {1: seconds, 2: nanos}}. Its JSON form is RFC 3339 in UTC with
   * whole seconds; the zero time (no seconds) is JSON null, returned here as {@code null}.
   */
  private static JsonNode time(WireReader in) {
    long seconds = 0;
    while (in.hasMore()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | WireReader.VARINT)) {
        seconds = in.readVarint();
      } else {
        in.skip(tag & 7);
      }
    }
    // An unset message and Go's zero time.Time (year 1) both mean "no time".
    if (seconds == 0 || seconds == GO_ZERO_TIME) {
      return null;
    }
    if (seconds < GO_ZERO_TIME || seconds > LAST_SECOND_OF_9999) {
      throw new ProtobufException("invalid protobuf body: timestamp out of range: " + seconds);
    }
    return NODES.stringNode(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds)));
  }

  /** {@code resource.Quantity} is {@code {1: string}}. */
  private static String quantity(WireReader in) {
    String s = "";
    while (in.hasMore()) {
      int tag = in.readTag();
      if (tag == (1 << 3 | WireReader.LEN)) {
        s = in.readString();
      } else {
        in.skip(tag & 7);
      }
    }
    return s;
  }

  private static ArrayNode arrayOf(ObjectNode out, String name) {
    JsonNode n = out.get(name);
    return n instanceof ArrayNode a ? a : out.putArray(name);
  }

  private static ObjectNode objectOf(ObjectNode out, String name) {
    JsonNode n = out.get(name);
    return n instanceof ObjectNode o ? o : out.putObject(name);
  }
}
