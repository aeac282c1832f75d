package dev.kc.controlplane.kubelet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shell language: one row per behaviour, run as {@code sh -c SCRIPT} (or bash). */
class ShellTest {
  /**
   * One scenario.
   *
   * @param err the expected standard error, or null to not check it
   */
  record Case(String name, String shell, String script, int code, String out, String err) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case sh(String name, String script, int code, String out, String err) {
    return new Case(name, "sh", script, code, out, err);
  }

  static Case sh(String name, String script, String out) {
    return new Case(name, "sh", script, 0, out, "");
  }

  static Case bash(String name, String script, int code, String out, String err) {
    return new Case(name, "bash", script, code, out, err);
  }

  static Stream<Case> syntax() {
    return Stream.of(
        sh("words and blanks", "echo   a    b", "a b\n"),
        sh("single quotes keep everything", "echo 'a  $HOME \"x\"'", "a  $HOME \"x\"\n"),
        sh("double quotes expand", "X=1; echo \"x=$X  ${X}\"", "x=1  1\n"),
        sh("backslash escapes", "echo a\\ b \\$HOME \"\\$X\\\"\"", "a b $HOME $X\"\n"),
        sh("line continuation", "echo a \\\nb", "a b\n"),
        sh("comments", "echo a # not printed\n# whole line\necho b#c", "a\nb#c\n"),
        sh("semicolons and newlines", "echo a; echo b\necho c", "a\nb\nc\n"),
        sh("empty script", "", ""),
        sh("ansi-c quoting", "echo $'a\\tb'", "a\tb\n"),
        sh(
            "syntax error exits 2",
            "if true; then",
            2,
            "",
            "sh: 1: Syntax error: end of file unexpected (expecting \"fi\")\n"),
        sh("unexpected token", "echo a; fi", 2, "", "sh: 1: Syntax error: \"fi\" unexpected\n"),
        sh(
            "commands before a syntax error on a later line run",
            "echo a\ndone",
            2,
            "a\n",
            "sh: 2: Syntax error: \"done\" unexpected\n"),
        sh(
            "unterminated quote",
            "echo 'abc",
            2,
            "",
            "sh: 1: Syntax error: Unterminated quoted string\n"),
        sh("bad substitution", "echo ${x!}", 2, "", "sh: 1: Bad substitution\n"),
        bash(
            "bash wording of syntax errors",
            "echo a; fi",
            2,
            "",
            "bash: -c: line 1: syntax error near unexpected token `fi'\n"
                + "bash: -c: line 1: `echo a; fi'\n"),
        sh(
            "unknown command is 127 with dash's message",
            "nosuch arg",
            127,
            "",
            "sh: 1: nosuch: not found\n"),
        sh(
            "unknown command reports its line",
            "echo a\n\nnosuch",
            127,
            "a\n",
            "sh: 3: nosuch: not found\n"),
        bash(
            "bash wording of unknown commands",
            "nosuch",
            127,
            "",
            "bash: line 1: nosuch: command not found\n"),
        sh("dollar zero is the shell name", "echo $0", "sh\n"));
  }

  static Stream<Case> status() {
    return Stream.of(
        sh("exit N", "exit 3", 3, "", ""),
        sh("exit without a number keeps the last status", "false; exit", 1, "", ""),
        sh("exit status of the last command", "true; false", 1, "", ""),
        sh("dollar question mark", "false; echo $?; true; echo $?", "1\n0\n"),
        sh("false or echo prints ok", "false || echo ok", "ok\n"),
        sh("and short-circuits", "false && echo no; echo $?", "1\n"),
        sh("or short-circuits", "true || echo no; echo $?", "0\n"),
        sh("and-or chains left to right", "false && echo a || echo b", "b\n"),
        sh("bang negates", "! false; echo $?; ! true; echo $?", "0\n1\n"),
        sh("brace group", "{ echo a; echo b; } > /tmp/g; cat /tmp/g", "a\nb\n"),
        sh(
            "subshell keeps variables and cwd local",
            "X=1; (X=2; cd /tmp); echo $X $(pwd)",
            "1 /\n"),
        sh("subshell shares the file system", "(echo in > /tmp/s); cat /tmp/s", "in\n"),
        sh("exit in a subshell ends only the subshell", "(exit 4); echo $?", "4\n"),
        sh("set -e stops at a failure", "set -e; echo a; false; echo b", 1, "a\n", ""),
        sh(
            "set -e ignores conditions and non-final and-or parts",
            "set -e; if false; then :; fi; false || true; false && true; ! true; echo alive",
            "alive\n"),
        sh("set -e stops at a failing subshell", "set -e; (false); echo no", 1, "", ""),
        sh("set -x traces to stderr", "set -x; X=1; echo $X", 0, "1\n", "+ X=1\n+ echo 1\n"),
        sh(
            "set -u fails on an unset variable",
            "set -u; echo $NOPE",
            2,
            "",
            "sh: 1: NOPE: parameter not set\n"),
        bash(
            "bash wording and status of set -u",
            "set -u; echo $NOPE; echo after",
            127,
            "",
            "bash: line 1: NOPE: unbound variable\n"),
        sh(
            "shift too far ends dash",
            "shift 5; echo $?",
            2,
            "",
            "sh: 1: shift: can't shift that many\n"),
        bash("shift too far fails quietly in bash", "shift 5; echo $?", 0, "1\n", ""));
  }

  static Stream<Case> control() {
    return Stream.of(
        sh(
            "if elif else",
            "for v in 1 2 3; do if [ $v = 1 ]; then echo one; "
                + "elif [ $v = 2 ]; then echo two; else echo other; fi; done",
            "one\ntwo\nother\n"),
        sh("while counts", "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done", "0\n1\n2\n"),
        sh("until counts", "i=0; until [ $i -ge 2 ]; do echo $i; i=$((i+1)); done", "0\n1\n"),
        sh("for over words", "for x in a b c; do echo $x; done", "a\nb\nc\n"),
        sh("for over positional parameters", "set -- 1 2; for x; do echo $x; done", "1\n2\n"),
        sh(
            "break and continue",
            "for i in 1 2 3 4; do [ $i = 2 ] && continue; " + "[ $i = 4 ] && break; echo $i; done",
            "1\n3\n"),
        sh(
            "break out of nested loops",
            "for a in 1 2; do for b in 1 2; do echo $a$b; break 2; " + "done; done",
            "11\n"),
        sh(
            "case with patterns and alternatives",
            "for w in foo bar x.txt q; do case $w in "
                + "f*) echo F;; bar|baz) echo B;; *.txt) echo T;; *) echo other;; esac; done",
            "F\nB\nT\nother\n"),
        sh("case without match is 0", "false; case x in y) echo no;; esac; echo $?", "0\n"),
        sh(
            "functions with arguments and return",
            "f() { echo \"$1-$2\"; return 3; }; f a b; " + "echo $?",
            "a-b\n3\n"),
        sh("local variables", "x=g; f() { local x=l; echo $x; }; f; echo $x", "l\ng\n"),
        sh(
            "recursive function",
            "fact() { if [ $1 -le 1 ]; then echo 1; else "
                + "echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 5",
            "120\n"),
        sh("eval", "cmd='echo evaluated'; eval $cmd", "evaluated\n"),
        sh(
            "source a file with arguments",
            "echo 'echo sourced $1; Y=set' > /tmp/lib.sh; " + ". /tmp/lib.sh one; echo $Y",
            "sourced one\nset\n"),
        sh("background job and wait", "sleep 5 & echo started; wait; echo done", "started\ndone\n"),
        sh("wait returns the job's status", "(exit 7) & wait $!; echo $?", "7\n"),
        sh("trap on EXIT", "trap 'echo bye' EXIT; echo hi", "hi\nbye\n"),
        sh(
            "trap on a signal sent to itself",
            "trap 'echo got TERM' TERM; kill $$; echo after",
            "got TERM\nafter\n"),
        sh("untrapped signal to itself ends the shell", "kill $$; echo after", 143, "", ""),
        sh("nested shell", "sh -c 'echo $0 $1; exit 5' me arg; echo $?", "me arg\n5\n"),
        sh("exec replaces the shell", "exec echo replaced; echo not reached", "replaced\n"),
        sh(
            "exec redirections stay",
            "exec > /tmp/all; echo one; echo two; cat /tmp/all >&2",
            0,
            "",
            "one\ntwo\n"),
        sh("timeout ends a long command", "timeout 5 sleep 60; echo $?", "124\n"),
        bash(
            "double brackets and regex groups",
            "h=mysql-2; [[ $h =~ -([0-9]+)$ ]] && echo ${BASH_REMATCH[1]}",
            0,
            "2\n",
            ""),
        bash(
            "double brackets patterns and logic",
            "x=abc; [[ $x == a* && -n $x ]] && echo yes; [[ $x != b* ]] && echo no-b",
            0,
            "yes\nno-b\n",
            ""),
        bash(
            "arithmetic command",
            "i=3; (( i > 2 )) && echo big; (( i-- )); echo $i",
            0,
            "big\n2\n",
            ""));
  }

  static Stream<Case> expansion() {
    return Stream.of(
        sh(
            "default values",
            "echo ${A:-def} ${B-unsetonly}; B=; echo \"[${B-x}]\" ${B:-y}",
            "def unsetonly\n[] y\n"),
        sh("assign default", "echo ${A:=set}; echo $A", "set\nset\n"),
        sh("alternative value", "A=1; echo ${A:+alt} [${B:+alt}]", "alt []\n"),
        sh("error if unset", "echo ${A:?is required}; echo no", 2, "", "sh: 1: A: is required\n"),
        sh("length", "A=hello; echo ${#A}", "5\n"),
        sh(
            "prefix and suffix removal",
            "f=/a/b/c.tar.gz; echo ${f##*/} ${f%/*} ${f%%.*} " + "${f#*.}",
            "c.tar.gz /a/b /a/b/c tar.gz\n"),
        sh("replacement", "s=a-b-c; echo ${s/-/+} ${s//-/+}", "a+b-c a+b+c\n"),
        sh("substring", "s=abcdef; echo ${s:2} ${s:1:3}", "cdef bcd\n"),
        sh("special parameters", "set -- x y z; echo $# $1 $3 \"$*\"", "3 x z x y z\n"),
        sh(
            "quoted at keeps arguments apart",
            "set -- 'a b' c; for x in \"$@\"; do echo [$x]; " + "done",
            "[a b]\n[c]\n"),
        sh(
            "quoted at with no arguments is no field",
            "set --; for x in \"$@\"; do echo no; " + "done; echo end",
            "end\n"),
        sh(
            "unquoted expansion is split",
            "v='a   b'; for x in $v; do echo [$x]; done",
            "[a]\n[b]\n"),
        sh(
            "quoted expansion is not split",
            "v='a   b'; for x in \"$v\"; do echo \"[$x]\"; done",
            "[a   b]\n"),
        sh(
            "IFS splitting",
            "IFS=:; v=a:b::c; for x in $v; do echo [$x]; done",
            "[a]\n[b]\n[]\n[c]\n"),
        sh("command substitution", "echo \"[$(echo a; echo b)]\" `echo c`", "[a\nb] c\n"),
        sh("command substitution may sleep", "x=$(sleep 3; echo late); echo $x", "late\n"),
        sh("command substitution status", "x=$(false); echo $?", "1\n"),
        sh("nested command substitution", "echo $(echo $(echo deep))", "deep\n"),
        sh(
            "arithmetic",
            "x=7; echo $((x * 2 + 1)) $((x / 2)) $((x % 4)) $((x > 5)) $((2**8))",
            "15 3 3 1 256\n"),
        sh("arithmetic assigns once", "i=0; echo $((i+=1)) $(echo sub) $i", "1 sub 1\n"),
        sh(
            "division by zero is fatal",
            "echo $((1/0)); echo no",
            2,
            "",
            "sh: 1: arithmetic expression: division by zero: \"1/0\"\n"),
        sh("tilde", "echo ~ ~/x", "/root /root/x\n"),
        sh(
            "globbing",
            "touch /tmp/b.log /tmp/a.log /tmp/c.txt; echo /tmp/*.log; " + "echo /tmp/?.txt",
            "/tmp/a.log /tmp/b.log\n/tmp/c.txt\n"),
        sh("unmatched glob stays as it is", "echo /nope/*.log \"/tmp/*\"", "/nope/*.log /tmp/*\n"),
        sh("prefix assignment only for the command", "X=1 sh -c 'echo $X'; echo [$X]", "1\n[]\n"),
        sh("export reaches child processes", "export X=2; sh -c 'echo $X'", "2\n"),
        sh("unexported variables do not", "Y=3; sh -c 'echo [$Y]'", "[]\n"),
        sh(
            "assigning a readonly variable ends the shell",
            "readonly R=1; R=2; echo $R",
            2,
            "",
            "sh: 1: R: is read only\n"),
        bash(
            "bash wording of readonly",
            "readonly R=1; R=2; echo $R",
            1,
            "",
            "bash: line 1: R: readonly variable\n"),
        sh("environment from the context", "echo $HOME $HOSTNAME", "/root web-0\n"));
  }

  static Stream<Case> redirection() {
    return Stream.of(
        sh("output to a file", "echo hi > /tmp/o; cat /tmp/o", "hi\n"),
        sh("append", "echo a > /tmp/o; echo b >> /tmp/o; cat /tmp/o", "a\nb\n"),
        sh("input from a file", "echo data > /tmp/i; cat < /tmp/i", "data\n"),
        sh(
            "stderr to a file",
            "cat /nope 2> /tmp/e; cat /tmp/e",
            "cat: /nope: No such file or directory\n"),
        sh("stderr to stdout", "cat /nope 2>&1", 1, "cat: /nope: No such file or directory\n", ""),
        sh(
            "order of redirections",
            "cat /nope 2>&1 >/dev/null",
            1,
            "cat: /nope: No such file or directory\n",
            ""),
        sh("dev null swallows both", "cat /nope >/dev/null 2>&1; echo $?", "1\n"),
        sh(
            "ampersand redirect",
            "cat /nope &> /tmp/both; cat /tmp/both",
            "cat: /nope: No such file or directory\n"),
        sh("to stderr", "echo oops >&2", 0, "", "oops\n"),
        sh(
            "missing directory",
            "echo x > /no/dir/f",
            2,
            "",
            "sh: 1: cannot create /no/dir/f: Directory nonexistent\n"),
        sh("missing input", "cat < /nope", 2, "", "sh: 1: cannot open /nope: No such file\n"),
        sh(
            "redirection alone creates the file",
            "> /tmp/empty; test -f /tmp/empty && echo y",
            "y\n"),
        sh(
            "here-document",
            "cat <<EOF\nhost $HOSTNAME\n  indented\nEOF",
            "host web-0\n  indented\n"),
        sh("quoted here-document is literal", "cat <<'EOF'\n$HOME\nEOF", "$HOME\n"),
        sh("here-document with tab stripping", "cat <<-EOF\n\tx\n\tEOF\necho after", "x\nafter\n"),
        sh("here-string", "cat <<< hello", "hello\n"),
        sh(
            "redirection of a loop",
            "for i in 1 2; do echo $i; done > /tmp/l; cat /tmp/l",
            "1\n2\n"),
        sh(
            "read lines from a file",
            "printf 'a b\\nc d\\n' > /tmp/r; while read x y; do " + "echo \"$y-$x\"; done < /tmp/r",
            "b-a\nd-c\n"));
  }

  static Stream<Case> pipes() {
    return Stream.of(
        sh("pipe", "echo hello | tr a-z A-Z", "HELLO\n"),
        sh("three stages", "printf 'b\\na\\nc\\n' | sort | head -n 2", "a\nb\n"),
        sh("status of the last stage", "false | true; echo $?; true | false; echo $?", "0\n1\n"),
        sh("pipefail", "set -o pipefail; false | true; echo $?", "1\n"),
        sh(
            "pipe into a loop",
            "printf '1\\n2\\n' | while read n; do echo n=$n; done",
            "n=1\nn=2\n"),
        sh("pipe stages are subshells", "X=1; echo 2 | read X; echo $X", "1\n"),
        sh("stderr through a pipe", "cat /nope 2>&1 | wc -l", "1\n"),
        sh("bash stderr pipe", "cat /nope |& grep -c such", "1\n"),
        sh("producer that sleeps", "(echo a; sleep 2; echo b) | cat", "a\nb\n"),
        sh(
            "head stops an endless producer",
            "(while true; do echo tick; sleep 1; done) | head -n 2",
            "tick\ntick\n"),
        sh(
            "grep -q ends the pipeline at the next write of the producer",
            "i=0; while true; do echo $i; i=$((i+1)); sleep 1; done | grep -q 3; echo $?; date +%S",
            "0\n04\n"),
        sh(
            "the writer dies of SIGPIPE",
            "set -o pipefail; (while :; do echo x; sleep 1; done) " + "| head -n 1; echo $?",
            "x\n141\n"),
        sh(
            "programs without streaming get the whole input",
            "(echo b; sleep 1; echo a) | sort",
            "a\nb\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"syntax", "status", "control", "expansion", "redirection", "pipes"})
  void runs(Case c) {
    Sim sim = new Sim();

    Sim.Result r = c.shell.equals("bash") ? sim.bash(c.script) : sim.sh(c.script);

    assertEquals(c.out, r.out(), "stdout");
    if (c.err != null) {
      assertEquals(c.err, r.err(), "stderr");
    }
    assertEquals(c.code, r.code(), "exit code; stderr: " + r.err());
  }
}
