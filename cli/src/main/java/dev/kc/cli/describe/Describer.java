package dev.kc.cli.describe;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code kc describe} output for one object. Per-kind describers (Deployment, Pod...)
 * implement this and are registered in {@link Describers}.
 */
public interface Describer {

  /**
   * Describes an object.
   *
   * @param object the object as the server returned it
   * @param events the events about it, or {@code null} when they could not be fetched or were not
   *     asked for (then no Events section is printed)
   * @param now the current time, for ages
   * @return the text, ending with a newline
   */
  String describe(Map<String, Object> object, List<Map<String, Object>> events, Instant now);
}
