package dev.kc.controlplane.kubelet.sim;

import java.util.List;

/** The syntax tree the {@link Parser} builds and the interpreter walks. Immutable. */
final class Ast {
  private Ast() {}

  // Words: a word is a sequence of parts, each remembering how it was quoted.

  /** One piece of a word. */
  sealed interface Part permits Lit, Quoted, Dq, Param, CmdSub, Arith, Tilde {}

  /** Unquoted text: subject to field splitting (when from expansions) and globbing. */
  record Lit(String text) implements Part {}

  /** Text that was quoted (single quotes, a backslash, {@code $'...'}): taken literally. */
  record Quoted(String text) implements Part {}

  /** A double-quoted string; its parts are {@link Quoted}, {@link Param}, {@link CmdSub}... */
  record Dq(List<Part> parts) implements Part {}

  /**
   * A parameter expansion: {@code $name}, {@code ${name}}, {@code ${name OP arg}}.
   *
   * @param op null for a plain expansion, {@code len} for {@code ${#name}}, otherwise the operator
   *     as written: {@code :-}, {@code -}, {@code :=}, {@code =}, {@code :+}, {@code +}, {@code
   *     :?}, {@code ?}, {@code #}, {@code ##}, {@code %}, {@code %%}, {@code /}, {@code //}, {@code
   *     :} (substring), and bash's case changes {@code ^^}, {@code ^}, {@code ,,}, {@code ,}
   * @param arg the word after the operator (the pattern for {@code /}, the offset for {@code :})
   * @param arg2 the replacement for {@code /}, the length for {@code :}; otherwise null
   */
  record Param(String name, String op, Word arg, Word arg2) implements Part {}

  /** A command substitution, {@code $(...)} or backquotes. */
  record CmdSub(ListNode body) implements Part {}

  /** An arithmetic expansion {@code $((...))}; the expression is expanded, then evaluated. */
  record Arith(Word expr) implements Part {}

  /** A leading unquoted {@code ~} or {@code ~user}. */
  record Tilde(String user) implements Part {}

  /**
   * A word as written.
   *
   * @param raw the source text, used for reserved words, here-document delimiters and traces
   */
  record Word(List<Part> parts, String raw) {
    static Word literal(String text) {
      return new Word(List.of(new Quoted(text)), text);
    }

    /** Whether the word is plain unquoted text equal to {@code text} (a reserved word). */
    boolean is(String text) {
      return parts.size() == 1 && parts.get(0) instanceof Lit l && l.text().equals(text);
    }

    /** The text if the word is plain unquoted text, else null. */
    String plain() {
      return parts.size() == 1 && parts.get(0) instanceof Lit l ? l.text() : null;
    }
  }

  // Commands.

  /** Something the interpreter can run. */
  sealed interface Node permits ListNode, AndOr, Pipeline, Command {}

  /** Commands separated by {@code ;}, {@code &} or newlines. */
  record ListNode(List<Item> items) implements Node {}

  /** One entry of a list; {@code background} for {@code cmd &}. */
  record Item(AndOr andOr, boolean background) {}

  /** Pipelines joined by {@code &&} and {@code ||}; {@code ops.get(i)} joins i and i+1. */
  record AndOr(List<Pipeline> pipelines, List<String> ops) implements Node {}

  /** {@code [!] cmd | cmd ...}; {@code stderrToo.get(i)} for {@code |&} after command i. */
  record Pipeline(boolean bang, List<Command> commands, List<Boolean> stderrToo) implements Node {}

  /** A command: simple or compound. */
  sealed interface Command extends Node
      permits Simple, Brace, Subshell, If, Loop, For, Case, FuncDef, Cond, ArithCmd {}

  /** {@code NAME=value ... word ... } with redirections; {@code line} for error messages. */
  record Simple(List<Assign> assigns, List<Word> words, List<Redir> redirs, int line)
      implements Command {}

  /** {@code { list; }}. */
  record Brace(ListNode body, List<Redir> redirs) implements Command {}

  /** {@code ( list )}. */
  record Subshell(ListNode body, List<Redir> redirs) implements Command {}

  /** {@code if c1; then b1; elif c2; then b2; else e; fi}; {@code elseBody} may be null. */
  record If(List<ListNode> conds, List<ListNode> bodies, ListNode elseBody, List<Redir> redirs)
      implements Command {}

  /** {@code while}/{@code until cond; do body; done}. */
  record Loop(boolean until, ListNode cond, ListNode body, List<Redir> redirs) implements Command {}

  /** {@code for var in words; do body; done}; {@code words} null means {@code "$@"}. */
  record For(String var, List<Word> words, ListNode body, List<Redir> redirs, int line)
      implements Command {}

  /** {@code case word in pattern) body;; ... esac}. */
  record Case(Word word, List<CaseItem> items, List<Redir> redirs, int line) implements Command {}

  /** One arm of a case; {@code fallThrough} for {@code ;&}. */
  record CaseItem(List<Word> patterns, ListNode body, boolean fallThrough) {}

  /** {@code name() compound-command}. */
  record FuncDef(String name, Command body) implements Command {}

  /** {@code [[ expression ]]}. */
  record Cond(CondExpr expr, List<Redir> redirs, int line) implements Command {}

  /** {@code (( expression ))}. */
  record ArithCmd(Word expr, List<Redir> redirs, int line) implements Command {}

  /** {@code NAME=value} or {@code NAME+=value}. */
  record Assign(String name, Word value, boolean append) {}

  /**
   * A redirection.
   *
   * @param fd the file descriptor redirected; -1 for {@code &>} (both 1 and 2)
   * @param op {@code <}, {@code >}, {@code >>}, {@code >|}, {@code <>}, {@code <&}, {@code >&},
   *     {@code <<}, {@code <<<}
   * @param target the file name, fd number or here-string; null for here-documents
   * @param hereDoc the here-document body for {@code <<}, filled once its lines are read
   */
  record Redir(int fd, String op, Word target, HereDoc hereDoc) {}

  /** A here-document body, filled in by the parser after the line with the {@code <<}. */
  static final class HereDoc {
    final boolean stripTabs;
    final boolean quoted;
    final String delimiter;
    Word body;

    HereDoc(String delimiter, boolean quoted, boolean stripTabs) {
      this.delimiter = delimiter;
      this.quoted = quoted;
      this.stripTabs = stripTabs;
    }
  }

  /** An expression inside {@code [[ ]]}. */
  sealed interface CondExpr permits CondAnd, CondOr, CondNot, CondUnary, CondBinary, CondWord {}

  record CondAnd(CondExpr left, CondExpr right) implements CondExpr {}

  record CondOr(CondExpr left, CondExpr right) implements CondExpr {}

  record CondNot(CondExpr expr) implements CondExpr {}

  /** {@code -f word} and friends. */
  record CondUnary(String op, Word operand) implements CondExpr {}

  /** {@code a == pattern}, {@code a =~ regex}, {@code a -eq b}... */
  record CondBinary(String op, Word left, Word right) implements CondExpr {}

  /** A lone word: true when it expands to a non-empty string. */
  record CondWord(Word word) implements CondExpr {}
}
