package dev.kc.controlplane.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A UTF-8 properties resource under {@code /openapi/}, kept with its raw bytes so documents can be
 * fingerprinted without being built.
 */
record DataFile(String name, Map<String, String> entries, byte[] bytes) {

  /**
   * Loads {@code /openapi/<name>} from the class path.
   *
   * @throws IllegalStateException when the resource is missing (a packaging bug)
   */
  static DataFile load(String name) {
    String path = "/openapi/" + name;
    byte[] bytes;
    try (InputStream in = DataFile.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    Properties props = new Properties();
    try {
      props.load(
          new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + path, e);
    }
    Map<String, String> entries = new LinkedHashMap<>();
    for (String key : props.stringPropertyNames()) {
      entries.put(key, props.getProperty(key).trim());
    }
    return new DataFile(name, Collections.unmodifiableMap(entries), bytes);
  }

  /** The value for {@code key}, or {@code null}. */
  String get(String key) {
    return entries.get(key);
  }
}
