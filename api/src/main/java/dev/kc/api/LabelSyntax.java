package dev.kc.api;

import java.util.regex.Pattern;

/** Kubernetes' syntax rules for label keys and values, with its messages. */
public final class LabelSyntax {
  private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  /** Kubernetes' message for an invalid label value. */
  public static final String VALUE_MESSAGE =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or"
          + " '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or"
          + " 'my_value',  or '12345', regex used for validation is"
          + " '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

  /** Kubernetes' message for an invalid name part of a qualified name. */
  public static final String NAME_MESSAGE =
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end"
          + " with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex"
          + " used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  private LabelSyntax() {}

  /** Whether {@code v} is a valid label value (empty allowed, at most 63 characters). */
  public static boolean isValidValue(String v) {
    return v.isEmpty() || (v.length() <= 63 && NAME.matcher(v).matches());
  }

  /** Describes why {@code key} is not a valid qualified name, or returns {@code null}. */
  public static String keyProblem(String key) {
    String prefix = null;
    String name = key;
    int slash = key.indexOf('/');
    if (slash >= 0) {
      prefix = key.substring(0, slash);
      name = key.substring(slash + 1);
      if (prefix.isEmpty()) {
        return "prefix part must be non-empty";
      }
      if (prefix.length() > 253 || !SUBDOMAIN.matcher(prefix).matches()) {
        return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
            + " characters, '-' or '.', and must start and end with an alphanumeric character"
            + " (e.g. 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
      }
    }
    if (name.isEmpty()) {
      return "name part must be non-empty";
    }
    if (name.length() > 63) {
      return "name part must be no more than 63 characters";
    }
    if (!NAME.matcher(name).matches()) {
      return NAME_MESSAGE;
    }
    return null;
  }
}
