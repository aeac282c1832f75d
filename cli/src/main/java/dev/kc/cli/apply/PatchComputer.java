package dev.kc.cli.apply;

import java.util.Map;

/**
 * Computes the patch {@code kc apply} sends to bring a live object in line with a manifest, from
 * the three versions kubectl compares. {@link ApplyPatches} picks the implementation.
 */
public interface PatchComputer {

  /**
   * A patch to send.
   *
   * @param contentType the PATCH Content-Type, e.g. {@code application/merge-patch+json}
   * @param body the patch document; empty means nothing to change
   */
  record Patch(String contentType, Map<String, Object> body) {
    /** True when the patch changes nothing (kubectl then prints {@code unchanged}). */
    public boolean isEmpty() {
      return body.isEmpty();
    }
  }

  /**
   * Computes the patch.
   *
   * @param original the last applied configuration, or {@code null} when the live object has none
   * @param modified the manifest being applied (including the new last-applied annotation)
   * @param current the live object
   * @return the patch; never {@code null}
   * @throws IllegalArgumentException when the patch would change apiVersion, kind or name
   */
  Patch compute(
      Map<String, Object> original, Map<String, Object> modified, Map<String, Object> current);
}
