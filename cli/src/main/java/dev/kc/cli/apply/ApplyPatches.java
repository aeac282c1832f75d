package dev.kc.cli.apply;

import dev.kc.cli.client.ResourceType;

/**
 * Chooses the {@link PatchComputer} for a resource type: kubectl's three-way strategic merge patch
 * for built-in kinds, its three-way JSON merge patch for the others (decided per object).
 */
public final class ApplyPatches {

  private ApplyPatches() {}

  /** The patch computer to use for {@code type}. */
  public static PatchComputer forType(ResourceType type) {
    return KubectlPatches.INSTANCE;
  }
}
