package dev.kc.controlplane.printers;

/**
 * One Table column, as {@code kubectl get} prints it.
 *
 * @param name header text before upper-casing ({@code Up-to-date})
 * @param type {@code string} or {@code integer}
 * @param format {@code name} for the column kubectl prefixes with the kind
 * @param priority 0 always shown, 1 only with {@code -o wide}
 * @param description what the column shows
 */
public record Column(String name, String type, String format, int priority, String description) {
  static Column nameColumn() {
    return new Column(
        "Name", "string", "name", 0, "Name must be unique within a namespace. Cannot be updated.");
  }

  static Column age() {
    return new Column(
        "Age",
        "string",
        "",
        0,
        "CreationTimestamp is a timestamp representing the server time when this object was"
            + " created.");
  }

  static Column text(String name, String description) {
    return new Column(name, "string", "", 0, description);
  }

  static Column integer(String name, String description) {
    return new Column(name, "integer", "", 0, description);
  }

  static Column wide(String name, String description) {
    return new Column(name, "string", "", 1, description);
  }
}
