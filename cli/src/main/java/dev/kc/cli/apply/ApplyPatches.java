package dev.kc.cli.apply;

import dev.kc.cli.client.ResourceType;

/**
 * Chooses the {@link PatchComputer} for a resource type. Today every type gets the three-way JSON
 * merge patch, which is what kubectl uses for kinds it has no strategic-merge metadata for.
 */
public final class ApplyPatches {

  private ApplyPatches() {}

  /** The patch computer to use for {@code type}. */
  // TODO: strategic merge patch for built-in kinds. Until then lists such as containers are
  // replaced whole on apply, so fields other managers set inside list items are dropped.
  public static PatchComputer forType(ResourceType type) {
    return ThreeWayMergePatch.INSTANCE;
  }
}
