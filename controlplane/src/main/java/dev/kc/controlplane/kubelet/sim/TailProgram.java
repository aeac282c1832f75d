package dev.kc.controlplane.kubelet.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code tail}: the last lines or bytes of files; with {@code -f}/{@code -F} it keeps running and
 * prints what is appended, checking every second of simulated time ({@code -s} to change), as the
 * logging sidecar pattern {@code tail -n+1 -F /var/log/app.log} needs.
 */
final class TailProgram {
  private TailProgram() {}

  static Execution start(Invocation inv) {
    List<String> args = new ArrayList<>();
    for (String a : inv.args()) {
      if (a.matches("-[0-9]+")) {
        args.add("-n");
        args.add(a.substring(1));
      } else if (a.matches("-n\\+?[0-9]+") || a.matches("-c\\+?[0-9]+")) {
        args.add(a.substring(0, 2));
        args.add(a.substring(2));
      } else {
        args.add(a);
      }
    }
    Args a =
        Args.parse(
            args,
            "fFqvz",
            "ncs",
            Map.of("follow", 'f', "lines=", 'n', "bytes=", 'c', "retry", 'F'));
    if (a.invalid != null) {
      int code = a.usage(inv, 1);
      return now -> new SimProcess.Step.Exit(code);
    }
    List<String> files = a.operands.isEmpty() ? List.of("-") : a.operands;
    boolean follow = (a.has('f') || a.has('F')) && !files.contains("-");
    Duration interval = a.value('s') == null ? null : Utilities.parseDuration(a.value('s'));
    return new Follower(inv, a, files, follow, interval == null ? Duration.ofSeconds(1) : interval);
  }

  private static final class Follower implements Execution {
    private final Invocation inv;
    private final Args args;
    private final List<String> files;
    private final boolean follow;
    private final Duration interval;
    private final long[] offsets;
    private boolean started;
    private int status;
    private Instant next;
    private String lastHeader;

    Follower(Invocation inv, Args args, List<String> files, boolean follow, Duration interval) {
      this.inv = inv;
      this.args = args;
      this.files = files;
      this.follow = follow;
      this.interval = interval;
      this.offsets = new long[files.size()];
      Arrays.fill(offsets, -1);
    }

    @Override
    public SimProcess.Step step(Instant now) {
      if (!started) {
        started = true;
        printInitial();
        if (!follow) {
          return new SimProcess.Step.Exit(status);
        }
        next = Utilities.plus(now, interval);
        return new SimProcess.Step.Sleep(next);
      }
      if (now.isBefore(next)) {
        return new SimProcess.Step.Sleep(next);
      }
      for (int i = 0; i < files.size(); i++) {
        poll(i);
      }
      next = Utilities.plus(now, interval);
      return new SimProcess.Step.Sleep(next);
    }

    private void printInitial() {
      boolean headers = files.size() > 1 && !args.has('q') || args.has('v');
      for (int i = 0; i < files.size(); i++) {
        String f = files.get(i);
        byte[] data;
        try {
          data = f.equals("-") ? inv.stdin().get() : inv.fs().read(inv.path(f));
        } catch (FsException e) {
          inv.complain("cannot open '" + f + "' for reading: " + e.errno().text());
          status = 1;
          continue;
        }
        offsets[i] = data.length;
        if (headers) {
          header(f, i > 0);
        }
        inv.out(select(new String(data, StandardCharsets.UTF_8)));
      }
    }

    private void header(String f, boolean blankLine) {
      inv.out((blankLine ? "\n" : "") + "==> " + f + " <==\n");
      lastHeader = f;
    }

    private void poll(int i) {
      String f = files.get(i);
      String path = inv.path(f);
      if (!inv.fs().isFile(path)) {
        if (offsets[i] >= 0 && args.has('F')) {
          inv.complain("'" + f + "' has become inaccessible: No such file or directory");
          offsets[i] = -1;
        }
        return;
      }
      byte[] data = inv.fs().read(path);
      if (offsets[i] < 0) {
        if (args.has('F')) {
          inv.complain("'" + f + "' has appeared;  following new file");
        }
        offsets[i] = 0;
      }
      if (data.length < offsets[i]) {
        inv.complain(f + ": file truncated");
        offsets[i] = 0;
      }
      if (data.length > offsets[i]) {
        if (files.size() > 1 && !f.equals(lastHeader)) {
          header(f, true);
        }
        inv.stdout().write(Arrays.copyOfRange(data, (int) offsets[i], data.length));
        offsets[i] = data.length;
      }
    }

    private String select(String text) {
      String bytes = args.value('c');
      if (bytes != null) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int start =
            bytes.startsWith("+")
                ? Math.min(b.length, Math.max(0, Integer.parseInt(bytes.substring(1)) - 1))
                : Math.max(0, b.length - Integer.parseInt(bytes));
        return new String(b, start, b.length - start, StandardCharsets.UTF_8);
      }
      String n = args.value('n') == null ? "10" : args.value('n');
      List<String> lines = TextUtilities.lines(text);
      int start =
          n.startsWith("+")
              ? Math.min(lines.size(), Math.max(0, Integer.parseInt(n.substring(1)) - 1))
              : Math.max(0, lines.size() - Integer.parseInt(n));
      StringBuilder sb = new StringBuilder();
      for (String l : lines.subList(start, lines.size())) {
        sb.append(l).append('\n');
      }
      if (!text.endsWith("\n") && sb.length() > 0 && start < lines.size()) {
        sb.setLength(sb.length() - 1);
      }
      return sb.toString();
    }
  }
}
