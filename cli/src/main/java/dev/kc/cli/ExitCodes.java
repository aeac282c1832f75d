package dev.kc.cli;

/** Process exit codes. kubectl uses 1 for every failure, including usage errors. */
public final class ExitCodes {

  /** Success. */
  public static final int OK = 0;

  /** Any failure: server errors, not found, invalid input, bad flags. */
  public static final int ERROR = 1;

  private ExitCodes() {}
}
