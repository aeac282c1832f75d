package dev.kc.controlplane.kubelet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in utilities, run from {@code sh -c} in a container that has a pod's {@code /etc/hosts}
 * and {@code /etc/resolv.conf}, a read-only ConfigMap volume at {@code /etc/config} and DNS records
 * for the {@code kubernetes} and {@code web} services.
 */
class UtilitiesTest {
  /**
   * One scenario.
   *
   * @param err the expected standard error, or null to not check it
   */
  record Case(String name, String script, int code, String out, String err) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case ok(String name, String script, String out) {
    return new Case(name, script, 0, out, "");
  }

  static Case fails(String name, String script, int code, String out, String err) {
    return new Case(name, script, code, out, err);
  }

  static Sim pod() {
    Sim sim = new Sim();
    sim.fs.putString(
        "/etc/hosts",
        "127.0.0.1\tlocalhost\n10.244.1.7\tweb-0.web.default.svc.cluster.local\tweb-0\n");
    sim.fs.putString(
        "/etc/resolv.conf",
        "search default.svc.cluster.local svc.cluster.local cluster.local\n"
            + "nameserver 10.96.0.10\noptions ndots:5\n");
    sim.dns.put("kubernetes.default.svc.cluster.local", List.of("10.96.0.1"));
    sim.dns.put("web.default.svc.cluster.local", List.of("10.244.1.7", "10.244.2.9"));
    Volume config = new Volume();
    InMemoryFs.of(config).putString("/app.conf", "mode=prod\nport=8080\n");
    sim.fs.mount("/etc/config", config, true);
    return sim;
  }

  static Stream<Case> files() {
    return Stream.of(
        ok(
            "cat several files and stdin",
            "echo a > /tmp/a; echo c | cat /tmp/a - /tmp/a",
            "a\nc\na\n"),
        fails(
            "cat a missing file goes on with the others",
            "echo a > /tmp/a; cat /nope /tmp/a",
            1,
            "a\n",
            "cat: /nope: No such file or directory\n"),
        ok("touch creates empty files", "touch /tmp/t; test -s /tmp/t || echo empty", "empty\n"),
        fails(
            "touch in a missing directory",
            "touch /no/t",
            1,
            "",
            "touch: cannot touch '/no/t': No such file or directory\n"),
        fails(
            "touch in a read-only mount",
            "touch /etc/config/x",
            1,
            "",
            "touch: cannot touch '/etc/config/x': Read-only file system\n"),
        fails(
            "touch of an existing file in a read-only mount",
            "touch /etc/config/app.conf",
            1,
            "",
            "touch: cannot touch '/etc/config/app.conf': Read-only file system\n"),
        fails(
            "redirect into a read-only mount",
            "echo x > /etc/config/app.conf",
            2,
            "",
            "sh: 1: cannot create /etc/config/app.conf: Read-only file system\n"),
        ok("rm -f of a missing file is quiet", "rm -f /tmp/nope; echo $?", "0\n"),
        fails(
            "rm of a missing file",
            "rm /tmp/nope",
            1,
            "",
            "rm: cannot remove '/tmp/nope': No such file or directory\n"),
        fails(
            "rm of a directory without -r",
            "mkdir /tmp/d; rm /tmp/d",
            1,
            "",
            "rm: cannot remove '/tmp/d': Is a directory\n"),
        ok("rm -rf a tree", "mkdir -p /tmp/d/e; touch /tmp/d/e/f; rm -rf /tmp/d; ls /tmp", ""),
        fails(
            "rm -rf refuses the root",
            "rm -rf /",
            1,
            "",
            "rm: it is dangerous to operate recursively on '/'\n"
                + "rm: use --no-preserve-root to override this failsafe\n"),
        ok("mkdir -p is idempotent", "mkdir -p /a/b/c; mkdir -p /a/b/c; ls /a/b", "c\n"),
        fails(
            "mkdir of an existing directory",
            "mkdir /tmp",
            1,
            "",
            "mkdir: cannot create directory '/tmp': File exists\n"),
        ok(
            "ls a directory and a file",
            "mkdir /d; touch /d/b /d/a /d/.h; ls /d; ls /d/a",
            "a\nb\n/d/a\n"),
        ok("ls -a shows dot files", "mkdir /d; touch /d/.h; ls -a /d", ".\n..\n.h\n"),
        ok(
            "ls of several directories has headers",
            "mkdir -p /x /y; touch /x/1; ls /x /y",
            "/x:\n1\n\n/y:\n"),
        fails(
            "ls of a missing path",
            "ls /nope",
            2,
            "",
            "ls: cannot access '/nope': No such file or directory\n"),
        ok("cp a file into a directory", "echo v > /tmp/f; cp /tmp/f /root; cat /root/f", "v\n"),
        ok("cp -r a tree", "mkdir -p /s/t; echo v > /s/t/f; cp -r /s /d; cat /d/t/f", "v\n"),
        fails(
            "cp a directory without -r",
            "mkdir /s; cp /s /d",
            1,
            "",
            "cp: -r not specified; omitting directory '/s'\n"),
        ok(
            "cp from a read-only ConfigMap",
            "cp /etc/config/app.conf /tmp/; cat /tmp/app.conf",
            "mode=prod\nport=8080\n"),
        ok(
            "mv renames",
            "echo v > /tmp/a; mv /tmp/a /tmp/b; cat /tmp/b; test -e /tmp/a || " + "echo gone",
            "v\ngone\n"),
        fails(
            "mv a missing file",
            "mv /nope /tmp/x",
            1,
            "",
            "mv: cannot stat '/nope': No such file or directory\n"),
        fails("mv out of a read-only mount", "mv /etc/config/app.conf /tmp/", 1, "", null),
        ok(
            "find by name and type",
            "mkdir -p /w/a; touch /w/a/x.log /w/y.log /w/z.txt; " + "find /w -name '*.log' -type f",
            "/w/a/x.log\n/w/y.log\n"),
        ok("tee writes the file and passes through", "echo t | tee /tmp/t; cat /tmp/t", "t\nt\n"),
        ok(
            "basename and dirname",
            "basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname x",
            "c\n/a/b\n.\n"),
        ok("chmod of an existing file succeeds", "touch /tmp/x; chmod +x /tmp/x; echo $?", "0\n"),
        ok(
            "mktemp creates a unique file",
            "f=$(mktemp); g=$(mktemp); test -f $f && " + "[ $f != $g ] && echo ok",
            "ok\n"));
  }

  static Stream<Case> text() {
    return Stream.of(
        ok("echo -n and -e", "echo -n a; echo -e 'b\\tc'; echo 'd\\ne'", "ab\tc\nd\\ne\n"),
        ok("printf formats and reuses the format", "printf '%s=%d\\n' a 1 b 2", "a=1\nb=2\n"),
        ok(
            "printf width, precision and padding",
            "printf '[%5s][%-3s][%03d][%.2f][%x]\\n' " + "ab c 7 3.14159 255",
            "[   ab][c  ][007][3.14][ff]\n"),
        fails(
            "printf with a bad number",
            "printf '%d\\n' abc",
            1,
            "0\n",
            "printf: 'abc': expected a numeric value\n"),
        ok(
            "head and tail",
            "seq 1 20 > /tmp/n; head -n 2 /tmp/n; tail -n 2 /tmp/n; " + "head -3 /tmp/n | tail -1",
            "1\n2\n19\n20\n3\n"),
        ok("tail from a line", "printf 'a\\nb\\nc\\n' | tail -n +2", "b\nc\n"),
        ok(
            "wc counts",
            "printf 'a b\\nc\\n' > /tmp/w; wc -l < /tmp/w; wc -l /tmp/w; wc -w "
                + "/tmp/w; wc -c /tmp/w",
            "2\n2 /tmp/w\n3 /tmp/w\n6 /tmp/w\n"),
        ok(
            "grep basics",
            "printf 'apple\\nBanana\\ncherry\\n' > /tmp/g; grep an /tmp/g; "
                + "grep -i b /tmp/g; grep -v e /tmp/g; grep -c a /tmp/g; grep -n rr /tmp/g",
            "Banana\nBanana\nBanana\n2\n3:cherry\n"),
        ok(
            "grep -q status",
            "echo x | grep -q x && echo found; echo x | grep -q y || echo none",
            "found\nnone\n"),
        ok(
            "grep regular expressions",
            "printf 'a1\\nbb\\nc22\\n' | grep '[0-9]\\+$'; "
                + "printf 'ab\\naab\\n' | grep -E '^a{2}'; echo 'a.b' | grep -F '.'",
            "a1\nc22\naab\na.b\n"),
        fails(
            "grep of a missing file",
            "grep x /nope",
            2,
            "",
            "grep: /nope: No such file or directory\n"),
        ok(
            "grep over several files names them",
            "echo x > /tmp/1; echo x > /tmp/2; " + "grep x /tmp/1 /tmp/2",
            "/tmp/1:x\n/tmp/2:x\n"),
        ok(
            "sed substitutions",
            "echo 'a-b-c' | sed 's/-/+/'; echo 'a-b-c' | sed 's/-/+/g'; "
                + "echo 'k=v' | sed -E 's/(.*)=(.*)/\\2=\\1/'; echo 'x;' | sed -E 's/;$//g'",
            "a+b-c\na+b+c\nv=k\nx\n"),
        ok(
            "sed addresses, print and delete",
            "printf '1\\n2\\n3\\n4\\n' | sed -n '2,3p'; "
                + "printf '1\\n2\\n3\\n' | sed '2d'; printf 'a\\nb\\n' | sed '$d'",
            "2\n3\n1\n3\na\n"),
        ok(
            "sed in place",
            "echo 'port=80' > /tmp/c; sed -i 's/80/8080/' /tmp/c; cat /tmp/c",
            "port=8080\n"),
        ok(
            "sort, uniq and cut",
            "printf 'b:2\\na:1\\nb:2\\n' | sort | uniq -c; "
                + "printf 'b:2\\na:1\\n' | sort -t: -k2 -n | cut -d: -f1",
            "      1 a:1\n      2 b:2\na\nb\n"),
        ok(
            "tr translates and deletes",
            "echo hello | tr a-z A-Z; echo 'a-b' | tr -d -- '-'",
            "HELLO\nab\n"),
        ok(
            "base64 round trip",
            "echo -n secret | base64; echo c2VjcmV0 | base64 -d; echo",
            "c2VjcmV0\nsecret\n"),
        ok("seq", "seq 3; seq 2 2 6; seq -s, 1 3", "1\n2\n3\n2\n4\n6\n1,2,3\n"),
        ok(
            "expr arithmetic and strings",
            "expr 2 + 3 \\* 4; expr length hello; " + "expr abc : 'a\\(.\\)'",
            "14\n5\nb\n"),
        ok(
            "sha256sum",
            "echo -n abc | sha256sum",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n"));
  }

  static Stream<Case> system() {
    return Stream.of(
        ok(
            "date formats the simulated time",
            "date; date +%Y-%m-%dT%H:%M:%S; date -u +%s",
            "Wed May  1 12:00:00 UTC 2024\n2024-05-01T12:00:00\n1714564800\n"),
        ok(
            "env and printenv",
            "export A=1; env | grep '^A='; printenv A; printenv HOME",
            "A=1\n1\n/root\n"),
        ok(
            "env runs a command with changes",
            "env X=1 sh -c 'echo $X'; env -i sh -c 'echo " + "[$HOME]'",
            "1\n[]\n"),
        ok(
            "hostname from the context",
            "hostname; hostname -f; hostname -i",
            "web-0\nweb-0.web.default.svc.cluster.local\n10.244.1.7\n"),
        ok(
            "id, whoami and uname",
            "id; id -u; whoami; uname; uname -m",
            "uid=0(root) gid=0(root) groups=0(root)\n0\nroot\nLinux\nx86_64\n"),
        ok("pwd and cd", "cd /etc; pwd; cd ..; pwd; cd -", "/etc\n/\n/etc\n"),
        fails("cd to a missing directory", "cd /nope", 2, "", "sh: 1: cd: can't cd to /nope\n"),
        ok(
            "nslookup of a service uses the search path",
            "nslookup kubernetes.default",
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n"
                + "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n"),
        ok("nslookup lists every address", "nslookup web | grep -c Address:", "3\n"),
        fails(
            "nslookup NXDOMAIN",
            "nslookup nosuch",
            1,
            "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n"
                + "** server can't find nosuch: NXDOMAIN\n\n",
            ""),
        ok(
            "init container waits for a service",
            "until nslookup kubernetes.default > " + "/dev/null; do sleep 2; done; echo up",
            "up\n"),
        ok(
            "getent hosts from /etc/hosts and DNS",
            "getent hosts web-0; getent hosts kubernetes",
            "10.244.1.7      web-0\n10.96.0.1       kubernetes.default.svc.cluster.local\n"),
        fails("getent of an unknown host", "getent hosts nosuch", 2, "", ""),
        ok(
            "ping takes a second per echo",
            "ping -c 2 kubernetes.default; date +%S",
            "PING kubernetes.default (10.96.0.1): 56 data bytes\n"
                + "64 bytes from 10.96.0.1: seq=0 ttl=64 time=0.100 ms\n"
                + "64 bytes from 10.96.0.1: seq=1 ttl=64 time=0.100 ms\n\n"
                + "--- kubernetes.default ping statistics ---\n"
                + "2 packets transmitted, 2 packets received, 0% packet loss\n"
                + "round-trip min/avg/max = 0.100/0.100/0.100 ms\n01\n"),
        fails("ping of an unknown host", "ping -c 1 nosuch", 1, "", "ping: bad address 'nosuch'\n"),
        fails(
            "sleep with a bad interval",
            "sleep soon",
            1,
            "",
            "sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.\n"),
        ok(
            "tail -f follows a growing file",
            "touch /tmp/log; (for i in 1 2 3; do echo line$i >> /tmp/log; "
                + "sleep 1; done) & timeout 5 tail -f /tmp/log; echo $?",
            "line1\nline2\nline3\n124\n"),
        ok(
            "test and brackets",
            "[ -d /tmp ] && [ ! -f /tmp ] && [ -n x ] && [ -z '' ] && "
                + "[ 2 -gt 1 ] && [ a != b ] && test -w /tmp && ! test -w /etc/config/app.conf && "
                + "echo all",
            "all\n"),
        fails("bracket without its closing bracket", "[ 1 = 1", 2, "", "sh: 1: [: missing ]\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"files", "text", "system"})
  void runs(Case c) {
    Sim sim = pod();

    Sim.Result r = sim.sh(c.script);

    assertEquals(c.out, r.out(), "stdout");
    if (c.err != null) {
      assertEquals(c.err, r.err(), "stderr");
    }
    assertEquals(c.code, r.code(), "exit code; stderr: " + r.err());
  }
}
