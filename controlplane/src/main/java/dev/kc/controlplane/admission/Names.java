package dev.kc.controlplane.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * String-format checks with Kubernetes' exact messages (apimachinery {@code util/validation} as of
 * 1.32). Each check returns the list of problems; an empty list means valid.
 */
final class Names {

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String CONFIG_MAP_KEY_FMT = "[-._a-zA-Z0-9]+";
  private static final String PERCENT_FMT = "[0-9]+%";
  private static final String HTTP_HEADER_FMT = "[-A-Za-z0-9]+";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_MAP_KEY = Pattern.compile(CONFIG_MAP_KEY_FMT);
  private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
  private static final Pattern HTTP_HEADER = Pattern.compile(HTTP_HEADER_FMT);
  private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
  private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*", Pattern.DOTALL);

  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";

  private Names() {}

  /** apimachinery {@code RegexError}: the message, examples and the regex. */
  static String regexError(String msg, String fmt, String... examples) {
    if (examples.length == 0) {
      return msg + " (regex used for validation is '" + fmt + "')";
    }
    StringBuilder s = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        s.append(" or ");
      }
      s.append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(fmt).append("')").toString();
  }

  static String maxLenError(int length) {
    return "must be no more than " + length + " characters";
  }

  static String inclusiveRangeError(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  /** RFC 1123 label: at most 63 characters of {@code [a-z0-9-]}. */
  static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLenError(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(
            regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                    + " '-', and must start and end with an alphanumeric character",
                DNS1123_LABEL_FMT,
                "my-name",
                "123-abc"));
      }
    }
    return errs;
  }

  /** RFC 1123 subdomain: at most 253 characters of dot-separated labels. */
  static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLenError(253));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(
          regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                  + " '-' or '.', and must start and end with an alphanumeric character",
              DNS1123_SUBDOMAIN_FMT,
              "example.com"));
    }
    return errs;
  }

  /** RFC 1035 label (Service names): starts with a letter. */
  static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLenError(63));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(
          regexError(
              "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                  + " with an alphabetic character, and end with an alphanumeric character",
              DNS1035_LABEL_FMT,
              "my-name",
              "abc-123"));
    }
    return errs;
  }

  /** Kubernetes "qualified name" (label keys, annotation keys, finalizers). */
  static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    switch (parts.length) {
      case 1 -> name = parts[0];
      case 2 -> {
        String prefix = parts[0];
        name = parts[1];
        if (prefix.isEmpty()) {
          errs.add("prefix part must be non-empty");
        } else {
          for (String m : dns1123Subdomain(prefix)) {
            errs.add("prefix part " + m);
          }
        }
      }
      default -> {
        errs.add(
            "a qualified name "
                + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
      }
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLenError(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add(
          "name part "
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  /** Label values: at most 63 characters, may be empty. */
  static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLenError(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(
          regexError(
              "a valid label must be an empty string or consist of alphanumeric characters, '-',"
                  + " '_' or '.', and must start and end with an alphanumeric character",
              LABEL_VALUE_FMT,
              "MyValue",
              "my_value",
              "12345"));
    }
    return errs;
  }

  /** IANA_SVC_NAME: at most 15 characters, lowercase, at least one letter. */
  static List<String> portName(String port) {
    List<String> errs = new ArrayList<>();
    if (port.length() > 15) {
      errs.add(maxLenError(15));
    }
    if (!PORT_NAME_CHARSET.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!HAS_LETTER.matcher(port).matches()) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.startsWith("-") || port.endsWith("-"))) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  /** A non-zero TCP/UDP port number. */
  static List<String> portNum(long port) {
    return 1 <= port && port <= 65535 ? List.of() : List.of(inclusiveRangeError(1, 65535));
  }

  /**
   * Environment variable names with RelaxedEnvironmentVariableValidation (beta and on by default in
   * 1.32): any printable ASCII except {@code '='}.
   */
  static List<String> relaxedEnvVarName(String value) {
    List<String> errs = new ArrayList<>();
    if (value.isEmpty()) {
      errs.add("environment variable name must be non-empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0x7e || c < 0x20 || c == '=') {
        errs.add(
            "a valid environment variable name must consist only of printable ASCII characters"
                + " other than '='");
        break;
      }
    }
    return errs;
  }

  /** Keys of ConfigMap and Secret data. */
  static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLenError(253));
    }
    if (!CONFIG_MAP_KEY.matcher(value).matches()) {
      errs.add(
          regexError(
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
              CONFIG_MAP_KEY_FMT,
              "key.name",
              "KEY_NAME",
              "key-name"));
    }
    if (value.equals(".")) {
      errs.add("must not be '.'");
    } else if (value.equals("..")) {
      errs.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  static List<String> percent(String value) {
    if (PERCENT.matcher(value).matches()) {
      return List.of();
    }
    return List.of(
        regexError(
            "a valid percent string must be a numeric string followed by an ending '%'",
            PERCENT_FMT, "1%", "93%"));
  }

  static List<String> httpHeaderName(String value) {
    if (HTTP_HEADER.matcher(value).matches()) {
      return List.of();
    }
    return List.of(
        regexError(
            "a valid HTTP header must consist of alphanumeric characters or '-'",
            HTTP_HEADER_FMT,
            "X-Header-Name"));
  }

  /** Names that end up in URL path segments (e.g. an HPA's scale target). */
  static List<String> pathSegmentName(String name) {
    if (name.equals(".") || name.equals("..")) {
      return List.of("may not be '" + name + "'");
    }
    List<String> errs = new ArrayList<>();
    if (name.contains("/")) {
      errs.add("may not contain '/'");
    }
    if (name.contains("%")) {
      errs.add("may not contain '%'");
    }
    return errs;
  }

  /** How an object kind validates its {@code metadata.name}. */
  enum NameRule {
    DNS_SUBDOMAIN,
    DNS_LABEL,
    DNS1035_LABEL,
    PATH_SEGMENT;

    /** Checks a name; {@code prefix} means it is a generateName prefix. */
    List<String> check(String name, boolean prefix) {
      String n = prefix ? maskTrailingDash(name) : name;
      return switch (this) {
        case DNS_SUBDOMAIN -> dns1123Subdomain(n);
        case DNS_LABEL -> dns1123Label(n);
        case DNS1035_LABEL -> dns1035Label(n);
        case PATH_SEGMENT -> pathSegmentName(name);
      };
    }
  }

  /**
   * A generateName prefix may end in a dash; Kubernetes masks it before checking by dropping the
   * last two characters and appending {@code a} (sic: it drops two, not one).
   */
  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }

  /** Go's sloppy IP parse (IPv4 allows leading zeros); true when {@code value} is an IP. */
  static boolean isIp(String value) {
    return isIpv4(value) || isIpv6(value);
  }

  static boolean isIpv4(String value) {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String value) {
    if (!value.contains(":")) {
      return false;
    }
    String v = value;
    int groupsNeeded = 8;
    int lastColon = v.lastIndexOf(':');
    String tail = v.substring(lastColon + 1);
    if (tail.contains(".")) {
      if (!isIpv4(tail)) {
        return false;
      }
      v = v.substring(0, lastColon + 1) + "0:0";
    }
    int dbl = v.indexOf("::");
    if (dbl != v.lastIndexOf("::")) {
      return false;
    }
    List<String> groups = new ArrayList<>();
    if (dbl >= 0) {
      String left = v.substring(0, dbl);
      String right = v.substring(dbl + 2);
      List<String> l = left.isEmpty() ? List.of() : List.of(left.split(":", -1));
      List<String> r = right.isEmpty() ? List.of() : List.of(right.split(":", -1));
      if (l.size() + r.size() >= groupsNeeded) {
        return false;
      }
      groups.addAll(l);
      groups.addAll(r);
    } else {
      groups.addAll(List.of(v.split(":", -1)));
      if (groups.size() != groupsNeeded) {
        return false;
      }
    }
    for (String g : groups) {
      if (g.isEmpty() || g.length() > 4 || !g.matches("[0-9a-fA-F]+")) {
        return false;
      }
    }
    return true;
  }

  /** {@code IsValidIP}: the single message Kubernetes gives for a malformed IP. */
  static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  /** {@code IsValidCIDR}'s message. */
  static final String INVALID_CIDR =
      "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

  static boolean isCidr(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String ip = value.substring(0, slash);
    String bits = value.substring(slash + 1);
    if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int n = Integer.parseInt(bits);
    return (isIpv4(ip) && n <= 32) || (isIpv6(ip) && n <= 128);
  }
}
