package dev.kc.cli.describe;

import dev.kc.cli.client.ResourceType;

/** Picks the describer for a resource type. */
public final class Describers {

  private Describers() {}

  /** The describer for {@code type}; the generic one until per-kind describers exist. */
  // TODO: per-kind describers (Deployment, ReplicaSet, Pod, Node...) as kubectl has; the
  // generic layout shows every field but not kubectl's curated summaries.
  public static Describer forType(ResourceType type) {
    return GenericDescriber.INSTANCE;
  }
}
