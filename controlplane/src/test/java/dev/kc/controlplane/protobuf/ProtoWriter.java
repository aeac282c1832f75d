package dev.kc.controlplane.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A tiny protobuf encoder for building request bodies byte by byte in tests. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static ProtoWriter message() {
    return new ProtoWriter();
  }

  /** The {@code k8s\0} envelope around {@code apiVersion}/{@code kind} and the object bytes. */
  static byte[] envelope(String apiVersion, String kind, ProtoWriter object) {
    ProtoWriter unknown =
        message()
            .message(1, message().string(1, apiVersion).string(2, kind))
            .bytes(2, object.toBytes())
            .string(3, "")
            .string(4, "");
    return withMagic(unknown.toBytes());
  }

  static byte[] withMagic(byte[] message) {
    byte[] body = new byte[message.length + 4];
    body[0] = 'k';
    body[1] = '8';
    body[2] = 's';
    body[3] = 0;
    System.arraycopy(message, 0, body, 4, message.length);
    return body;
  }

  ProtoWriter varint(int field, long value) {
    key(field, 0);
    rawVarint(value);
    return this;
  }

  ProtoWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter message(int field, ProtoWriter value) {
    return bytes(field, value.toBytes());
  }

  ProtoWriter bytes(int field, byte[] value) {
    key(field, 2);
    rawVarint(value.length);
    out.writeBytes(value);
    return this;
  }

  ProtoWriter fixed32(int field, int value) {
    key(field, 5);
    for (int i = 0; i < 4; i++) {
      out.write(value >>> (8 * i));
    }
    return this;
  }

  ProtoWriter fixed64(int field, long value) {
    key(field, 1);
    for (int i = 0; i < 8; i++) {
      out.write((int) (value >>> (8 * i)));
    }
    return this;
  }

  /** A {@code map<string,string>} entry: {@code {1: key, 2: value}}. */
  ProtoWriter mapEntry(int field, String key, String value) {
    return message(field, message().string(1, key).string(2, value));
  }

  /** Appends bytes as they are, to build malformed input. */
  ProtoWriter raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  byte[] toBytes() {
    return out.toByteArray();
  }

  private void key(int field, int wireType) {
    rawVarint((long) field << 3 | wireType);
  }

  private void rawVarint(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
