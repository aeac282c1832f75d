package dev.kc.controlplane.protobuf;

import java.util.HashMap;
import java.util.Map;

/**
 * How one protobuf message of the Kubernetes API maps to its JSON form: for each field number, the
 * JSON name, the value kind and whether a zero value is written.
 *
 * <p>Built once in static tables ({@link HpaMessages}) and read-only afterwards; safe to share.
 */
final class MessageType {
  /** The shape of a field's value on the wire and in JSON. */
  enum Kind {
    STRING(WireReader.LEN),
    INT32(WireReader.VARINT),
    INT64(WireReader.VARINT),
    BOOL(WireReader.VARINT),
    /** A nested message, written as a JSON object. */
    MESSAGE(WireReader.LEN),
    /** Repeated nested messages, written as a JSON array of objects. */
    MESSAGES(WireReader.LEN),
    /** Repeated strings, written as a JSON array. */
    STRINGS(WireReader.LEN),
    /** A {@code map<string,string>}: repeated entries {@code {1: key, 2: value}}. */
    STRING_MAP(WireReader.LEN),
    /** {@code meta.v1.Time} ({@code {1: seconds, 2: nanos}}), written as RFC 3339. */
    TIME(WireReader.LEN),
    /** {@code resource.Quantity} ({@code {1: string}}), written as its string. */
    QUANTITY(WireReader.LEN);

    final int wireType;

    Kind(int wireType) {
      this.wireType = wireType;
    }
  }

  /**
   * When a decoded value appears in the JSON.
   *
   * <p>Kubernetes' Go types encode every non-pointer field on the wire, zero or not, while their
   * JSON form drops zero values of {@code omitempty} fields. Mirroring that keeps the decoded
   * object identical to what a JSON client would have sent (no {@code "generation": 0}).
   */
  enum Presence {
    /** Written whenever the field is on the wire: pointer fields and fields without omitempty. */
    ALWAYS,
    /** Dropped when zero, empty or the zero time, like Go's {@code omitempty}. */
    OMIT_ZERO
  }

  /** One field of a message. {@code type} is set only for MESSAGE and MESSAGES. */
  record Field(int number, String json, Kind kind, Presence presence, MessageType type) {}

  private final String name;
  private final Map<Integer, Field> fields = new HashMap<>();

  MessageType(String name) {
    this.name = name;
  }

  /** The message name, for error messages. */
  String name() {
    return name;
  }

  /** The field with this number, or {@code null} when unknown (the reader then skips it). */
  Field field(int number) {
    return fields.get(number);
  }

  MessageType add(int number, String json, Kind kind, Presence presence) {
    return add(new Field(number, json, kind, presence, null));
  }

  MessageType message(int number, String json, MessageType type) {
    return add(new Field(number, json, Kind.MESSAGE, Presence.ALWAYS, type));
  }

  MessageType messages(int number, String json, MessageType type) {
    return add(new Field(number, json, Kind.MESSAGES, Presence.ALWAYS, type));
  }

  private MessageType add(Field f) {
    if (fields.putIfAbsent(f.number(), f) != null) {
      throw new IllegalStateException(name + " declares field " + f.number() + " twice");
    }
    return this;
  }
}
