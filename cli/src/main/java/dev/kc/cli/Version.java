package dev.kc.cli;

/** kc's own version, as printed by {@code kc version} and sent in the User-Agent. */
public final class Version {

  /**
   * The client version, e.g. {@code v0.1.0-SNAPSHOT}: the jar manifest's Implementation-Version
   * with a {@code v} prefix, or {@code v0.0.0-dev} when running from classes (IDE, tests).
   */
  public static final String CLIENT = clientVersion();

  private Version() {}

  private static String clientVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "v0.0.0-dev" : (v.startsWith("v") ? v : "v" + v);
  }
}
