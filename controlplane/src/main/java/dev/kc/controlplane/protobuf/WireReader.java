package dev.kc.controlplane.protobuf;

import java.nio.charset.StandardCharsets;

/**
 * Reads protobuf wire format from a slice of a byte array: tags, varints, fixed-width values and
 * length-delimited fields.
 *
 * <p>Every read is bounded by the slice, so a corrupt length or a truncated value ends in a {@link
 * ProtobufException} rather than an index error. Not thread-safe; one reader per message.
 */
final class WireReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  private final byte[] buf;
  private final int limit;
  private int pos;

  /** A reader over {@code buf[from, to)}; the caller guarantees the bounds lie inside buf. */
  WireReader(byte[] buf, int from, int to) {
    this.buf = buf;
    this.pos = from;
    this.limit = to;
  }

  /** Whether any bytes are left in this slice. */
  boolean hasMore() {
    return pos < limit;
  }

  /** Offset of the next byte in the whole buffer, for error messages. */
  int position() {
    return pos;
  }

  /**
   * Reads a field key and returns it as {@code fieldNumber << 3 | wireType}.
   *
   * @throws ProtobufException when the key is malformed, names field 0, or uses a group wire type
   *     (3 or 4), which Kubernetes messages never contain
   */
  int readTag() {
    int at = pos;
    long key = readVarint();
    int wireType = (int) (key & 7);
    long field = key >>> 3;
    if (field < 1 || field > 0x1FFFFFFF) {
      throw malformed("invalid field number " + field, at);
    }
    if (wireType != VARINT && wireType != FIXED64 && wireType != LEN && wireType != FIXED32) {
      throw malformed("unsupported wire type " + wireType + " for field " + field, at);
    }
    return (int) key;
  }

  /**
   * Reads a base-128 varint of at most 10 bytes.
   *
   * @throws ProtobufException when the varint runs past the slice or is longer than 64 bits
   */
  long readVarint() {
    int at = pos;
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) {
        throw malformed("truncated varint", at);
      }
      byte b = buf[pos++];
      // The tenth byte may only carry the top bit of a 64-bit value.
      if (shift == 63 && (b & 0xFE) != 0) {
        throw malformed("varint overflows 64 bits", at);
      }
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw malformed("varint overflows 64 bits", at);
  }

  /** Reads a length-delimited field as a reader over its bytes, and moves past them. */
  WireReader readMessage() {
    int length = readLength();
    WireReader sub = new WireReader(buf, pos, pos + length);
    pos += length;
    return sub;
  }

  /** Reads a length-delimited field as UTF-8 text; invalid sequences become U+FFFD. */
  String readString() {
    int length = readLength();
    String s = new String(buf, pos, length, StandardCharsets.UTF_8);
    pos += length;
    return s;
  }

  /** Reads a length-delimited field as raw bytes. */
  byte[] readBytes() {
    int length = readLength();
    byte[] out = new byte[length];
    System.arraycopy(buf, pos, out, 0, length);
    pos += length;
    return out;
  }

  /**
   * Skips the value of a field with the given wire type, as a reader must for fields it does not
   * know.
   */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> advance(8);
      case FIXED32 -> advance(4);
      case LEN -> advance(readLength());
      default -> throw malformed("unsupported wire type " + wireType, pos);
    }
  }

  private int readLength() {
    int at = pos;
    long length = readVarint();
    if (length < 0 || length > limit - pos) {
      throw malformed("length " + length + " runs past the end of the data", at);
    }
    return (int) length;
  }

  private void advance(int n) {
    if (n > limit - pos) {
      throw malformed("truncated fixed-width value", pos);
    }
    pos += n;
  }

  static ProtobufException malformed(String what, int offset) {
    return new ProtobufException("invalid protobuf body: " + what + " at byte " + offset);
  }
}
