package dev.kc.cli.commands;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** kubectl's klog-formatted error lines, for the few failures kubectl reports through klog. */
final class Klog {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS");

  private Klog() {}

  /**
   * The line kubectl prints when cobra rejects a command before it runs (such as a missing required
   * flag): {@code E1203 18:44:34.885656 5852 run.go:72] "command failed" err="..."}.
   */
  static String commandFailed(String err) {
    return "E"
        + LocalDateTime.now(ZoneId.systemDefault()).format(TIME)
        + " "
        + String.format("%7d", ProcessHandle.current().pid())
        + " run.go:72] \"command failed\" err=\""
        + err.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"";
  }
}
