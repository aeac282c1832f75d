package dev.kc.controlplane.kubelet.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Process and system utilities: sleep, date, printenv, hostname, id, whoami, uname, and the
 * name-resolution tools nslookup, getent and ping (which answer from {@code /etc/hosts} and the
 * {@link ProcessContext#resolver()}, never from a network).
 */
final class SystemUtilities {
  private static final String KERNEL = "6.8.0-kc";
  private static final String DEFAULT_NAMESERVER = "10.96.0.10";

  private SystemUtilities() {}

  static void register(Map<String, Program> p) {
    p.put("sleep", SystemUtilities::sleep);
    p.put("date", Program.of(SystemUtilities::date));
    p.put("printenv", Program.of(SystemUtilities::printenv));
    p.put("hostname", Program.of(SystemUtilities::hostname));
    p.put("id", Program.of(SystemUtilities::id));
    p.put("whoami", Program.of(inv -> print(inv, "root\n")));
    p.put("groups", Program.of(inv -> print(inv, "root\n")));
    p.put("uname", Program.of(SystemUtilities::uname));
    p.put("nslookup", Program.of(SystemUtilities::nslookup));
    p.put("getent", Program.of(SystemUtilities::getent));
    p.put("ping", SystemUtilities::ping);
  }

  private static int print(Invocation inv, String text) {
    inv.out(text);
    return 0;
  }

  private static Execution exit(int code) {
    return now -> new SimProcess.Step.Exit(code);
  }

  // ---- sleep and date ----

  /** {@code sleep DURATION...}: the durations are added; the process suspends, no thread waits. */
  private static Execution sleep(Invocation inv) {
    if (inv.args().isEmpty()) {
      inv.complain("missing operand");
      inv.err("Try 'sleep --help' for more information.\n");
      return exit(1);
    }
    Duration total = Duration.ZERO;
    for (String arg : inv.args()) {
      Duration d = Utilities.parseDuration(arg);
      if (d == null) {
        inv.complain("invalid time interval '" + arg + "'");
        inv.err("Try 'sleep --help' for more information.\n");
        return exit(1);
      }
      total = Utilities.add(total, d);
    }
    Instant until = Utilities.plus(inv.now(), total);
    return now ->
        now.isBefore(until) ? new SimProcess.Step.Sleep(until) : new SimProcess.Step.Exit(0);
  }

  private static int date(Invocation inv) {
    String format = "%a %b %e %H:%M:%S %Z %Y";
    Instant when = inv.now();
    List<String> args = inv.args();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("+")) {
        format = a.substring(1);
      } else if (a.equals("-u") || a.equals("--utc") || a.equals("--universal")) {
        continue;
      } else if (a.equals("-R") || a.equals("--rfc-email")) {
        format = "%a, %d %b %Y %H:%M:%S %z";
      } else if (a.startsWith("-I") || a.startsWith("--iso-8601")) {
        String spec = a.startsWith("-I") ? a.substring(2) : a.replaceFirst("--iso-8601=?", "");
        format =
            switch (spec) {
              case "", "date" -> "%Y-%m-%d";
              case "hours" -> "%Y-%m-%dT%H%:z";
              case "minutes" -> "%Y-%m-%dT%H:%M%:z";
              case "ns" -> "%Y-%m-%dT%H:%M:%S,%N%:z";
              default -> "%Y-%m-%dT%H:%M:%S%:z";
            };
      } else if ((a.equals("-d") || a.equals("--date")) && i + 1 < args.size()) {
        String d = args.get(++i);
        if (!d.matches("@-?[0-9]+")) {
          inv.complain("invalid date '" + d + "'");
          return 1;
        }
        when = Instant.ofEpochSecond(Long.parseLong(d.substring(1)));
      } else if (a.equals("-s") || a.startsWith("--set")) {
        inv.complain("cannot set date: Operation not permitted");
        return 1;
      } else {
        inv.complain("invalid date '" + a + "'");
        return 1;
      }
    }
    inv.out(strftime(format, when) + "\n");
    return 0;
  }

  /** strftime(3) in UTC, for the conversions scripts use. */
  static String strftime(String format, Instant when) {
    ZonedDateTime t = when.atZone(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        sb.append(c);
        continue;
      }
      char pad = 0;
      char n = format.charAt(++i);
      if ((n == '-' || n == '_' || n == '0') && i + 1 < format.length()) {
        pad = n;
        n = format.charAt(++i);
      }
      if (n == ':' && i + 1 < format.length() && format.charAt(i + 1) == 'z') {
        i++;
        sb.append("+00:00");
        continue;
      }
      sb.append(conversion(n, pad, t));
    }
    return sb.toString();
  }

  private static String conversion(char c, char pad, ZonedDateTime t) {
    return switch (c) {
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ROOT);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ROOT);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ROOT);
      case 'c' -> strftime("%a %b %e %H:%M:%S %Y", t.toInstant());
      case 'C' -> number(t.getYear() / 100, 2, pad, '0');
      case 'd' -> number(t.getDayOfMonth(), 2, pad, '0');
      case 'D' -> strftime("%m/%d/%y", t.toInstant());
      case 'e' -> number(t.getDayOfMonth(), 2, pad, ' ');
      case 'F' -> strftime("%Y-%m-%d", t.toInstant());
      case 'H' -> number(t.getHour(), 2, pad, '0');
      case 'I' -> number((t.getHour() + 11) % 12 + 1, 2, pad, '0');
      case 'j' -> number(t.getDayOfYear(), 3, pad, '0');
      case 'k' -> number(t.getHour(), 2, pad, ' ');
      case 'l' -> number((t.getHour() + 11) % 12 + 1, 2, pad, ' ');
      case 'm' -> number(t.getMonthValue(), 2, pad, '0');
      case 'M' -> number(t.getMinute(), 2, pad, '0');
      case 'n' -> "\n";
      case 'N' -> String.format("%09d", t.getNano());
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'P' -> t.getHour() < 12 ? "am" : "pm";
      case 'r' -> strftime("%I:%M:%S %p", t.toInstant());
      case 'R' -> strftime("%H:%M", t.toInstant());
      case 's' -> Long.toString(t.toEpochSecond());
      case 'S' -> number(t.getSecond(), 2, pad, '0');
      case 't' -> "\t";
      case 'T' -> strftime("%H:%M:%S", t.toInstant());
      case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
      case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      case 'V' -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, pad, '0');
      case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
      case 'y' -> number(t.getYear() % 100, 2, pad, '0');
      case 'Y' -> Integer.toString(t.getYear());
      case 'z' -> "+0000";
      case 'Z' -> "UTC";
      case '%' -> "%";
      default -> "%" + c;
    };
  }

  private static String number(long v, int width, char pad, char defaultPad) {
    String s = Long.toString(v);
    if (pad == '-') {
      return s;
    }
    char p = pad == '_' ? ' ' : pad == '0' ? '0' : defaultPad;
    StringBuilder sb = new StringBuilder();
    for (int i = s.length(); i < width; i++) {
      sb.append(p);
    }
    return sb.append(s).toString();
  }

  // ---- identity ----

  private static int printenv(Invocation inv) {
    if (inv.args().isEmpty()) {
      StringBuilder sb = new StringBuilder();
      inv.env().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> sb.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
      return print(inv, sb.toString());
    }
    int status = 0;
    StringBuilder sb = new StringBuilder();
    for (String name : inv.args()) {
      String v = inv.env().get(name);
      if (v == null) {
        status = 1;
      } else {
        sb.append(v).append('\n');
      }
    }
    inv.out(sb.toString());
    return status;
  }

  private static int hostname(Invocation inv) {
    String host = inv.hostname();
    List<String> args = inv.args();
    String opt = args.isEmpty() ? "" : args.get(0);
    switch (opt) {
      case "":
        return print(inv, host + "\n");
      case "-s", "--short":
        return print(inv, host.split("\\.")[0] + "\n");
      case "-f", "--fqdn", "--long":
        return print(inv, fqdn(inv, host) + "\n");
      case "-d", "--domain":
        {
          String f = fqdn(inv, host);
          return print(inv, f.contains(".") ? f.substring(f.indexOf('.') + 1) + "\n" : "\n");
        }
      case "-i", "--ip-address", "-I", "--all-ip-addresses":
        {
          List<String> ips = lookup(inv, host);
          if (ips.isEmpty()) {
            inv.complain("Name or service not known");
            return 1;
          }
          return print(inv, String.join(" ", ips) + (opt.startsWith("-I") ? " \n" : "\n"));
        }
      default:
        if (opt.startsWith("-")) {
          inv.complain("invalid option -- '" + opt.substring(1) + "'");
          return 1;
        }
        inv.complain("you must be root to change the host name");
        return 1;
    }
  }

  /** The canonical name of {@code host} in {@code /etc/hosts}, or {@code host} itself. */
  private static String fqdn(Invocation inv, String host) {
    for (String[] entry : hostsFile(inv)) {
      for (int i = 1; i < entry.length; i++) {
        if (entry[i].equals(host)) {
          return entry[1];
        }
      }
    }
    return host;
  }

  private static int id(Invocation inv) {
    List<String> a = inv.args();
    boolean name = a.contains("-n") || a.stream().anyMatch(s -> s.matches("-[ugGn]*n[ugGn]*"));
    if (a.stream().anyMatch(s -> s.matches("-[nrz]*[ugG][nrz]*"))) {
      return print(inv, (name ? "root" : "0") + "\n");
    }
    return print(inv, "uid=0(root) gid=0(root) groups=0(root)\n");
  }

  private static int uname(Invocation inv) {
    Map<Character, String> fields = new LinkedHashMap<>();
    fields.put('s', "Linux");
    fields.put('n', inv.hostname());
    fields.put('r', KERNEL);
    fields.put('v', "#1 SMP PREEMPT_DYNAMIC");
    fields.put('m', "x86_64");
    fields.put('o', "GNU/Linux");
    List<String> out = new ArrayList<>();
    String flags = String.join("", inv.args()).replace("-", "");
    if (flags.contains("a")) {
      out.addAll(fields.values());
    } else {
      for (Map.Entry<Character, String> e : fields.entrySet()) {
        if (flags.indexOf(e.getKey()) >= 0) {
          out.add(e.getValue());
        }
      }
    }
    return print(inv, (out.isEmpty() ? "Linux" : String.join(" ", out)) + "\n");
  }

  // ---- name resolution ----

  /** The lines of {@code /etc/hosts} as {@code [ip, name, aliases...]}. */
  private static List<String[]> hostsFile(Invocation inv) {
    List<String[]> out = new ArrayList<>();
    if (!inv.fs().isFile("/etc/hosts")) {
      return out;
    }
    for (String line : TextUtilities.lines(inv.fs().readString("/etc/hosts"))) {
      String l = line.replaceFirst("#.*", "").trim();
      if (!l.isEmpty()) {
        out.add(l.split("\\s+"));
      }
    }
    return out;
  }

  private record ResolvConf(String nameserver, List<String> search, int ndots) {}

  private static ResolvConf resolvConf(Invocation inv) {
    String ns = DEFAULT_NAMESERVER;
    List<String> search = new ArrayList<>();
    int ndots = 1;
    if (inv.fs().isFile("/etc/resolv.conf")) {
      boolean sawNameserver = false;
      for (String line : TextUtilities.lines(inv.fs().readString("/etc/resolv.conf"))) {
        String[] w = line.trim().split("\\s+");
        if (w[0].equals("nameserver") && w.length > 1 && !sawNameserver) {
          ns = w[1];
          sawNameserver = true;
        } else if (w[0].equals("search")) {
          search = new ArrayList<>(List.of(w).subList(1, w.length));
        } else if (w[0].equals("options")) {
          for (String o : w) {
            if (o.startsWith("ndots:")) {
              ndots = Integer.parseInt(o.substring(6));
            }
          }
        }
      }
    }
    return new ResolvConf(ns, search, ndots);
  }

  /** The names to try for {@code name}, with the search domains, as the stub resolver does. */
  private static List<String> candidates(ResolvConf rc, String name) {
    List<String> out = new ArrayList<>();
    if (name.endsWith(".")) {
      out.add(name.substring(0, name.length() - 1));
      return out;
    }
    long dots = name.chars().filter(c -> c == '.').count();
    if (dots >= rc.ndots) {
      out.add(name);
    }
    for (String domain : rc.search) {
      out.add(name + "." + domain);
    }
    if (dots < rc.ndots) {
      out.add(name);
    }
    return out;
  }

  /** The first candidate name that resolves, with its addresses; null if none does. */
  private static Map.Entry<String, List<String>> resolve(Invocation inv, String name) {
    ResolvConf rc = resolvConf(inv);
    for (String candidate : candidates(rc, name)) {
      List<String> ips = inv.resolver().apply(candidate);
      if (ips != null && !ips.isEmpty()) {
        return Map.entry(candidate, ips);
      }
    }
    return null;
  }

  /** Addresses from {@code /etc/hosts}, then DNS, as getent and ping see them. */
  private static List<String> lookup(Invocation inv, String name) {
    List<String> ips = new ArrayList<>();
    for (String[] entry : hostsFile(inv)) {
      for (int i = 1; i < entry.length; i++) {
        if (entry[i].equals(name) && !ips.contains(entry[0])) {
          ips.add(entry[0]);
        }
      }
    }
    if (!ips.isEmpty()) {
      return ips;
    }
    if (name.matches("[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+")) {
      return List.of(name);
    }
    Map.Entry<String, List<String>> r = resolve(inv, name);
    return r == null ? List.of() : r.getValue();
  }

  /** nslookup in the bind-tools format that {@code dnsutils} images print. */
  private static int nslookup(Invocation inv) {
    List<String> operands = new ArrayList<>();
    for (String a : inv.args()) {
      if (!a.startsWith("-")) {
        operands.add(a);
      }
    }
    if (operands.isEmpty()) {
      inv.err("Usage: nslookup [-opt ...] host [server]\n");
      return 1;
    }
    String name = operands.get(0);
    ResolvConf rc = resolvConf(inv);
    String server = operands.size() > 1 ? operands.get(1) : rc.nameserver;
    StringBuilder out = new StringBuilder();
    out.append("Server:\t\t").append(server).append('\n');
    out.append("Address:\t").append(server).append("#53\n\n");
    Map.Entry<String, List<String>> r = resolve(inv, name);
    if (r == null) {
      out.append("** server can't find ").append(name).append(": NXDOMAIN\n\n");
      inv.out(out.toString());
      return 1;
    }
    for (String ip : r.getValue()) {
      out.append("Name:\t").append(r.getKey()).append('\n');
      out.append("Address: ").append(ip).append('\n');
    }
    inv.out(out.append('\n').toString());
    return 0;
  }

  private static int getent(Invocation inv) {
    List<String> a = inv.args();
    if (a.isEmpty()) {
      inv.complain("wrong number of arguments");
      return 1;
    }
    switch (a.get(0)) {
      case "hosts", "ahosts", "ahostsv4" -> {
        if (a.size() < 2) {
          return 0;
        }
        StringBuilder out = new StringBuilder();
        int status = 0;
        for (String name : a.subList(1, a.size())) {
          List<String> ips = lookup(inv, name);
          if (ips.isEmpty()) {
            status = 2;
          }
          Map.Entry<String, List<String>> r = resolve(inv, name);
          String canonical = r != null && r.getValue().equals(ips) ? r.getKey() : name;
          for (String ip : ips) {
            out.append(String.format("%-15s %s%n", ip, canonical));
          }
        }
        inv.out(out.toString());
        return status;
      }
      case "passwd" -> {
        return a.size() < 2 || a.contains("root") || a.contains("0")
            ? print(inv, "root:x:0:0:root:/root:/bin/sh\n")
            : 2;
      }
      case "group" -> {
        return a.size() < 2 || a.contains("root") || a.contains("0")
            ? print(inv, "root:x:0:\n")
            : 2;
      }
      default -> {
        inv.complain("Unknown database: " + a.get(0));
        return 1;
      }
    }
  }

  /** busybox ping: one echo per interval of simulated time; always answered once resolved. */
  private static Execution ping(Invocation inv) {
    Args a = Args.parse(inv.args(), "q46nv", "ciWwsIt", Map.of());
    if (a.invalid != null || a.operands.isEmpty()) {
      inv.err("BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
      return exit(1);
    }
    String host = a.operands.get(0);
    List<String> ips = lookup(inv, host);
    if (ips.isEmpty()) {
      inv.complain("bad address '" + host + "'");
      return exit(1);
    }
    String ip = ips.get(0);
    long count = a.value('c') == null ? Long.MAX_VALUE : Long.parseLong(a.value('c'));
    Duration interval =
        a.value('i') == null ? Duration.ofSeconds(1) : Utilities.parseDuration(a.value('i'));
    inv.out("PING " + host + " (" + ip + "): 56 data bytes\n");
    return new Execution() {
      long sent;
      Instant next = inv.now();

      @Override
      public SimProcess.Step step(Instant now) {
        if (now.isBefore(next)) {
          return new SimProcess.Step.Sleep(next);
        }
        if (sent >= count) {
          inv.out(
              "\n--- "
                  + host
                  + " ping statistics ---\n"
                  + sent
                  + " packets transmitted, "
                  + sent
                  + " packets received, 0% packet loss\n"
                  + "round-trip min/avg/max = 0.100/0.100/0.100 ms\n");
          return new SimProcess.Step.Exit(0);
        }
        if (!a.has('q')) {
          inv.out("64 bytes from " + ip + ": seq=" + sent + " ttl=64 time=0.100 ms\n");
        }
        sent++;
        next = sent >= count ? now : Utilities.plus(now, interval);
        return new SimProcess.Step.Sleep(next);
      }
    };
  }
}
