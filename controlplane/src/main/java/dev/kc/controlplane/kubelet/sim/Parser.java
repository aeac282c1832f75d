package dev.kc.controlplane.kubelet.sim;

import dev.kc.controlplane.kubelet.sim.Ast.AndOr;
import dev.kc.controlplane.kubelet.sim.Ast.Arith;
import dev.kc.controlplane.kubelet.sim.Ast.ArithCmd;
import dev.kc.controlplane.kubelet.sim.Ast.Assign;
import dev.kc.controlplane.kubelet.sim.Ast.Brace;
import dev.kc.controlplane.kubelet.sim.Ast.Case;
import dev.kc.controlplane.kubelet.sim.Ast.CaseItem;
import dev.kc.controlplane.kubelet.sim.Ast.CmdSub;
import dev.kc.controlplane.kubelet.sim.Ast.Command;
import dev.kc.controlplane.kubelet.sim.Ast.Cond;
import dev.kc.controlplane.kubelet.sim.Ast.CondAnd;
import dev.kc.controlplane.kubelet.sim.Ast.CondBinary;
import dev.kc.controlplane.kubelet.sim.Ast.CondExpr;
import dev.kc.controlplane.kubelet.sim.Ast.CondNot;
import dev.kc.controlplane.kubelet.sim.Ast.CondOr;
import dev.kc.controlplane.kubelet.sim.Ast.CondUnary;
import dev.kc.controlplane.kubelet.sim.Ast.CondWord;
import dev.kc.controlplane.kubelet.sim.Ast.Dq;
import dev.kc.controlplane.kubelet.sim.Ast.For;
import dev.kc.controlplane.kubelet.sim.Ast.FuncDef;
import dev.kc.controlplane.kubelet.sim.Ast.HereDoc;
import dev.kc.controlplane.kubelet.sim.Ast.If;
import dev.kc.controlplane.kubelet.sim.Ast.Item;
import dev.kc.controlplane.kubelet.sim.Ast.ListNode;
import dev.kc.controlplane.kubelet.sim.Ast.Lit;
import dev.kc.controlplane.kubelet.sim.Ast.Loop;
import dev.kc.controlplane.kubelet.sim.Ast.Param;
import dev.kc.controlplane.kubelet.sim.Ast.Part;
import dev.kc.controlplane.kubelet.sim.Ast.Pipeline;
import dev.kc.controlplane.kubelet.sim.Ast.Quoted;
import dev.kc.controlplane.kubelet.sim.Ast.Redir;
import dev.kc.controlplane.kubelet.sim.Ast.Simple;
import dev.kc.controlplane.kubelet.sim.Ast.Subshell;
import dev.kc.controlplane.kubelet.sim.Ast.Tilde;
import dev.kc.controlplane.kubelet.sim.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the POSIX shell grammar (plus a few bash forms: {@code [[ ]]},
 * {@code (( ))}, {@code $'...'}, {@code function f}, {@code &>}, {@code |&}, {@code <<<}).
 *
 * <p>It works on characters rather than a token stream because shell tokenizing depends on context
 * (reserved words only at command start, {@code $(...)} nesting a whole program inside a word). It
 * parses one complete command at a time ({@link #next()}), so that, as in dash, the commands before
 * a syntax error on a later line still run.
 */
final class Parser {
  private static final Set<String> TERMINATORS =
      Set.of("then", "else", "elif", "fi", "do", "done", "esac", "}");
  private static final String[] OPERATORS = {
    "&&", "||", ";;", ";&", "<<<", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>>", "&>", "|&",
    ";", "&", "|", "(", ")", "<", ">"
  };
  private static final Set<String> REDIRECTS =
      Set.of("<<<", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&>>", "&>", "<", ">");
  private static final Set<String> COND_UNARY =
      Set.of(
          "-a", "-b", "-c", "-d", "-e", "-f", "-g", "-h", "-k", "-L", "-n", "-p", "-r", "-s", "-S",
          "-t", "-u", "-v", "-w", "-x", "-z", "-O", "-G", "-N");
  private static final Set<String> COND_BINARY =
      Set.of(
          "=", "==", "!=", "=~", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef", "<",
          ">");

  private enum Kind {
    WORD,
    OP,
    NEWLINE,
    EOF
  }

  /** A token found by {@link #peek()}: where it ends, so that consuming it is cheap. */
  private record Token(Kind kind, String text, Word word, int start, int end, int endLine) {
    boolean isOp(String op) {
      return kind == Kind.OP && text.equals(op);
    }

    boolean isWord(String w) {
      return kind == Kind.WORD && word.is(w);
    }
  }

  private final String src;
  private int pos;
  private int line;
  private final List<HereDoc> pendingHereDocs = new ArrayList<>();
  private Token peeked;

  Parser(String src) {
    this(src, 1);
  }

  Parser(String src, int firstLine) {
    this.src = src;
    this.line = firstLine;
  }

  /** The line the parser is on, for messages about the command just parsed. */
  int line() {
    return line;
  }

  /**
   * Parses the next complete command (a list ending at an unquoted newline).
   *
   * @return the command, or null at end of input
   * @throws SyntaxError on malformed input
   */
  ListNode next() {
    skipLinebreaks();
    if (peek().kind == Kind.EOF) {
      return null;
    }
    ListNode list = parseList(true);
    Token t = peek();
    if (t.kind == Kind.NEWLINE) {
      consumeNewline();
    } else if (t.kind != Kind.EOF) {
      throw unexpected(t, null);
    }
    return list;
  }

  /** Parses the whole input into one list; an empty input gives an empty list. */
  ListNode parseAll() {
    List<Item> items = new ArrayList<>();
    for (ListNode l = next(); l != null; l = next()) {
      items.addAll(l.items());
    }
    return new ListNode(items);
  }

  // ---- grammar ----

  private ListNode parseList(boolean top) {
    return parseList(top, null);
  }

  /**
   * Parses a list up to a terminator.
   *
   * @param closer the word that should close it, for the message when the input ends first
   */
  private ListNode parseList(boolean top, String closer) {
    List<Item> items = new ArrayList<>();
    while (true) {
      if (!top) {
        skipLinebreaks();
      }
      Token t = peek();
      if (isListEnd(t)) {
        break;
      }
      AndOr andOr = parseAndOr();
      Token sep = peek();
      if (sep.isOp(";") || sep.isOp("&")) {
        consume(sep);
        items.add(new Item(andOr, sep.text.equals("&")));
        continue;
      }
      items.add(new Item(andOr, false));
      if (sep.kind == Kind.NEWLINE && !top) {
        consumeNewline();
        continue;
      }
      break;
    }
    if (items.isEmpty()) {
      Token t = peek();
      throw unexpected(t, t.kind == Kind.EOF ? closer : null);
    }
    return new ListNode(items);
  }

  private boolean isListEnd(Token t) {
    return switch (t.kind) {
      case EOF, NEWLINE -> true;
      case OP -> t.text.equals(")") || t.text.equals(";;") || t.text.equals(";&");
      case WORD -> t.word.plain() != null && TERMINATORS.contains(t.word.plain());
    };
  }

  private AndOr parseAndOr() {
    List<Pipeline> pipelines = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    pipelines.add(parsePipeline());
    while (peek().isOp("&&") || peek().isOp("||")) {
      Token op = peek();
      consume(op);
      ops.add(op.text);
      skipLinebreaks();
      pipelines.add(parsePipeline());
    }
    return new AndOr(pipelines, ops);
  }

  private Pipeline parsePipeline() {
    boolean bang = false;
    while (peek().isWord("!")) {
      consume(peek());
      bang = !bang;
    }
    List<Command> commands = new ArrayList<>();
    List<Boolean> stderrToo = new ArrayList<>();
    commands.add(parseCommand());
    while (peek().isOp("|") || peek().isOp("|&")) {
      Token op = peek();
      consume(op);
      stderrToo.add(op.text.equals("|&"));
      skipLinebreaks();
      commands.add(parseCommand());
    }
    stderrToo.add(false);
    return new Pipeline(bang, commands, stderrToo);
  }

  private Command parseCommand() {
    Token t = peek();
    if (t.kind == Kind.EOF || t.kind == Kind.NEWLINE) {
      throw unexpected(t, null);
    }
    if (t.isOp("(")) {
      if (src.startsWith("((", t.start)) {
        ArithCmd arith = tryParseArithCommand(t.start);
        if (arith != null) {
          return arith;
        }
      }
      consume(t);
      ListNode body = parseList(false, ")");
      expectOp(")");
      return new Subshell(body, parseRedirs());
    }
    if (t.kind == Kind.OP && !REDIRECTS.contains(t.text)) {
      throw unexpected(t, null);
    }
    String w = t.kind == Kind.WORD ? t.word.plain() : null;
    if (w != null) {
      Command compound = parseCompound(t, w);
      if (compound != null) {
        return compound;
      }
      if (TERMINATORS.contains(w)) {
        throw unexpected(t, null);
      }
      FuncDef f = tryParseFunction(t, w);
      if (f != null) {
        return f;
      }
    }
    return parseSimple();
  }

  private Command parseCompound(Token t, String w) {
    switch (w) {
      case "{":
        consume(t);
        ListNode body = parseList(false, "}");
        expectWord("}");
        return new Brace(body, parseRedirs());
      case "if":
        return parseIf(t);
      case "while":
      case "until":
        consume(t);
        ListNode cond = parseList(false, "do");
        expectWord("do");
        ListNode loopBody = parseList(false, "done");
        expectWord("done");
        return new Loop(w.equals("until"), cond, loopBody, parseRedirs());
      case "for":
        return parseFor(t);
      case "case":
        return parseCase(t);
      case "[[":
        return parseCond(t);
      case "function":
        return parseFunctionKeyword(t);
      default:
        return null;
    }
  }

  private If parseIf(Token t) {
    consume(t);
    List<ListNode> conds = new ArrayList<>();
    List<ListNode> bodies = new ArrayList<>();
    conds.add(parseList(false, "then"));
    expectWord("then");
    bodies.add(parseList(false, "fi"));
    while (peek().isWord("elif")) {
      consume(peek());
      conds.add(parseList(false, "then"));
      expectWord("then");
      bodies.add(parseList(false, "fi"));
    }
    ListNode elseBody = null;
    if (peek().isWord("else")) {
      consume(peek());
      elseBody = parseList(false, "fi");
    }
    expectWord("fi");
    return new If(conds, bodies, elseBody, parseRedirs());
  }

  private For parseFor(Token t) {
    int startLine = line;
    consume(t);
    Token name = peek();
    if (name.kind != Kind.WORD || !isName(name.word.plain())) {
      if (name.isOp("(")) {
        throw new SyntaxError(
            SyntaxError.Kind.OTHER, "arithmetic for loops are not supported", false, null, line);
      }
      throw new SyntaxError(SyntaxError.Kind.OTHER, "Bad for loop variable", false, null, line);
    }
    consume(name);
    List<Word> words = null;
    skipLinebreaks();
    if (peek().isWord("in")) {
      consume(peek());
      words = new ArrayList<>();
      while (peek().kind == Kind.WORD) {
        Token w = peek();
        consume(w);
        words.add(w.word);
      }
      Token sep = peek();
      if (sep.isOp(";")) {
        consume(sep);
      } else if (sep.kind == Kind.NEWLINE) {
        consumeNewline();
      } else {
        throw unexpected(sep, "do");
      }
    } else if (peek().isOp(";")) {
      consume(peek());
    }
    skipLinebreaks();
    expectWord("do");
    ListNode body = parseList(false, "done");
    expectWord("done");
    return new For(name.word.plain(), words, body, parseRedirs(), startLine);
  }

  private Case parseCase(Token t) {
    int startLine = line;
    consume(t);
    Token subject = peek();
    if (subject.kind != Kind.WORD) {
      throw unexpected(subject, null);
    }
    consume(subject);
    skipLinebreaks();
    expectWord("in");
    List<CaseItem> items = new ArrayList<>();
    while (true) {
      skipLinebreaks();
      Token next = peek();
      if (next.isWord("esac")) {
        consume(next);
        break;
      }
      if (next.isOp("(")) {
        consume(next);
      }
      List<Word> patterns = new ArrayList<>();
      while (true) {
        Token p = peek();
        if (p.kind != Kind.WORD) {
          throw unexpected(p, null);
        }
        consume(p);
        patterns.add(p.word);
        if (!peek().isOp("|")) {
          break;
        }
        consume(peek());
      }
      expectOp(")");
      skipLinebreaks();
      Token afterPattern = peek();
      ListNode body = null;
      if (!afterPattern.isOp(";;") && !afterPattern.isOp(";&") && !afterPattern.isWord("esac")) {
        body = parseList(false, "esac");
      }
      Token end = peek();
      if (end.isOp(";;") || end.isOp(";&")) {
        consume(end);
        items.add(new CaseItem(patterns, body, end.text.equals(";&")));
      } else if (end.isWord("esac")) {
        consume(end);
        items.add(new CaseItem(patterns, body, false));
        break;
      } else {
        throw unexpected(end, "esac");
      }
    }
    return new Case(subject.word, items, parseRedirs(), startLine);
  }

  private FuncDef tryParseFunction(Token t, String name) {
    if (!isFunctionName(name)) {
      return null;
    }
    int savePos = pos;
    int saveLine = line;
    consume(t);
    skipSpace();
    if (pos < src.length() && src.charAt(pos) == '(') {
      pos++;
      skipSpace();
      if (pos >= src.length() || src.charAt(pos) != ')') {
        throw unexpected(peek(), null);
      }
      pos++;
      peeked = null;
      skipLinebreaks();
      return new FuncDef(name, parseFunctionBody());
    }
    pos = savePos;
    line = saveLine;
    peeked = null;
    return null;
  }

  private FuncDef parseFunctionKeyword(Token t) {
    consume(t);
    Token name = peek();
    if (name.kind != Kind.WORD || !isFunctionName(name.word.plain())) {
      throw unexpected(name, null);
    }
    consume(name);
    skipSpace();
    if (src.startsWith("(", pos)) {
      pos++;
      skipSpace();
      if (!src.startsWith(")", pos)) {
        throw unexpected(peek(), null);
      }
      pos++;
      peeked = null;
    }
    skipLinebreaks();
    return new FuncDef(name.word.plain(), parseFunctionBody());
  }

  private Command parseFunctionBody() {
    Token t = peek();
    Command body = parseCommand();
    if (body instanceof Simple) {
      throw unexpected(t, null);
    }
    return body;
  }

  private Simple parseSimple() {
    int startLine = line;
    List<Assign> assigns = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redir> redirs = new ArrayList<>();
    while (true) {
      skipSpace();
      if (atRedirect()) {
        redirs.add(parseRedir());
        continue;
      }
      Token t = peek();
      if (t.kind != Kind.WORD) {
        break;
      }
      consume(t);
      Assign a = words.isEmpty() ? asAssignment(t.word) : null;
      if (a != null) {
        assigns.add(a);
      } else {
        words.add(t.word);
      }
    }
    if (assigns.isEmpty() && words.isEmpty() && redirs.isEmpty()) {
      throw unexpected(peek(), null);
    }
    return new Simple(assigns, words, redirs, startLine);
  }

  /** {@code NAME=value} as an assignment if the name part is unquoted, else null. */
  private static Assign asAssignment(Word w) {
    if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Lit first)) {
      return null;
    }
    String text = first.text();
    int eq = text.indexOf('=');
    if (eq <= 0) {
      return null;
    }
    boolean append = text.charAt(eq - 1) == '+';
    String name = text.substring(0, append ? eq - 1 : eq);
    if (!isName(name)) {
      return null;
    }
    List<Part> rest = new ArrayList<>();
    String after = text.substring(eq + 1);
    if (!after.isEmpty()) {
      rest.add(new Lit(after));
    }
    rest.addAll(w.parts().subList(1, w.parts().size()));
    return new Assign(name, new Word(rest, w.raw().substring(w.raw().indexOf('=') + 1)), append);
  }

  private List<Redir> parseRedirs() {
    List<Redir> redirs = new ArrayList<>();
    while (true) {
      skipSpace();
      if (!atRedirect()) {
        return redirs;
      }
      redirs.add(parseRedir());
    }
  }

  /** Whether a redirection starts here: an operator, or digits glued to {@code <} or {@code >}. */
  private boolean atRedirect() {
    int i = pos;
    while (i < src.length() && Character.isDigit(src.charAt(i))) {
      i++;
    }
    if (i > pos) {
      return i < src.length() && (src.charAt(i) == '<' || src.charAt(i) == '>');
    }
    String op = operatorAt(pos);
    return op != null && REDIRECTS.contains(op);
  }

  private Redir parseRedir() {
    int fd = -2;
    int digits = pos;
    while (Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos > digits) {
      fd = Integer.parseInt(src.substring(digits, pos));
    }
    String op = operatorAt(pos);
    pos += op.length();
    peeked = null;
    if (fd == -2) {
      fd = op.startsWith("<") ? 0 : op.startsWith("&") ? -1 : 1;
    }
    String normalized =
        switch (op) {
          case ">|", "&>" -> ">";
          case "&>>" -> ">>";
          case "<<-" -> "<<";
          default -> op;
        };
    Token target = peek();
    if (target.kind != Kind.WORD) {
      throw unexpected(target, null);
    }
    consume(target);
    if (normalized.equals("<<")) {
      HereDoc doc = new HereDoc(delimiterOf(target.word), isQuoted(target.word), op.equals("<<-"));
      pendingHereDocs.add(doc);
      return new Redir(fd, "<<", null, doc);
    }
    return new Redir(fd, normalized, target.word, null);
  }

  private Cond parseCond(Token t) {
    int startLine = line;
    consume(t);
    CondExpr e = condOr();
    skipLinebreaks();
    Token close = peek();
    if (!close.isWord("]]")) {
      throw unexpected(close, "]]");
    }
    consume(close);
    return new Cond(e, parseRedirs(), startLine);
  }

  private CondExpr condOr() {
    CondExpr left = condAnd();
    while (true) {
      skipLinebreaks();
      if (!peek().isOp("||")) {
        return left;
      }
      consume(peek());
      left = new CondOr(left, condAnd());
    }
  }

  private CondExpr condAnd() {
    CondExpr left = condNot();
    while (true) {
      skipLinebreaks();
      if (!peek().isOp("&&")) {
        return left;
      }
      consume(peek());
      left = new CondAnd(left, condNot());
    }
  }

  private CondExpr condNot() {
    skipLinebreaks();
    if (peek().isWord("!")) {
      consume(peek());
      return new CondNot(condNot());
    }
    return condPrimary();
  }

  private CondExpr condPrimary() {
    skipLinebreaks();
    Token t = peek();
    if (t.isOp("(")) {
      consume(t);
      CondExpr inner = condOr();
      skipLinebreaks();
      expectOp(")");
      return inner;
    }
    if (t.kind != Kind.WORD || t.isWord("]]")) {
      throw unexpected(t, null);
    }
    consume(t);
    String p = t.word.plain();
    if (p != null && COND_UNARY.contains(p)) {
      Token operand = peek();
      if (operand.kind == Kind.WORD && !operand.isWord("]]")) {
        consume(operand);
        return new CondUnary(p, operand.word);
      }
    }
    Token op = peek();
    String opText =
        op.kind == Kind.OP && (op.text.equals("<") || op.text.equals(">"))
            ? op.text
            : op.kind == Kind.WORD ? op.word.plain() : null;
    if (opText == null || !COND_BINARY.contains(opText)) {
      return new CondWord(t.word);
    }
    consume(op);
    skipSpace();
    Word right;
    if (opText.equals("=~")) {
      right = readRegexWord();
    } else {
      Token r = peek();
      if (r.kind != Kind.WORD) {
        throw unexpected(r, null);
      }
      consume(r);
      right = r.word;
    }
    return new CondBinary(opText, t.word, right);
  }

  /** {@code ((expr))} at {@code start}, or null if there is no matching {@code ))}. */
  private ArithCmd tryParseArithCommand(int start) {
    int end = matchDoubleParen(start + 2);
    if (end < 0) {
      return null;
    }
    int startLine = line;
    String expr = src.substring(start + 2, end);
    pos = end + 2;
    line += count(expr, '\n');
    peeked = null;
    Word w = new Parser(expr, startLine).readDoubleQuotedBody();
    return new ArithCmd(w, parseRedirs(), startLine);
  }

  /** The index of the {@code ))} closing an arithmetic expression whose body starts at i. */
  private int matchDoubleParen(int i) {
    int depth = 0;
    for (; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          return i + 1 < src.length() && src.charAt(i + 1) == ')' ? i : -1;
        }
        depth--;
      }
    }
    return -1;
  }

  private void expectWord(String w) {
    skipLinebreaks();
    Token t = peek();
    if (!t.isWord(w)) {
      throw unexpected(t, w);
    }
    consume(t);
  }

  private void expectOp(String op) {
    Token t = peek();
    if (!t.isOp(op)) {
      throw unexpected(t, op);
    }
    consume(t);
  }

  private SyntaxError unexpected(Token t, String expecting) {
    String text =
        switch (t.kind) {
          case EOF -> null;
          case NEWLINE -> "\n";
          case OP -> t.text;
          case WORD -> t.word.raw();
        };
    return new SyntaxError(SyntaxError.Kind.UNEXPECTED, text, t.kind == Kind.WORD, expecting, line);
  }

  // ---- tokens ----

  private Token peek() {
    skipSpace();
    if (peeked != null && peeked.start == pos) {
      return peeked;
    }
    int start = pos;
    Token t;
    if (pos >= src.length()) {
      t = new Token(Kind.EOF, "", null, start, start, line);
    } else if (src.charAt(pos) == '\n') {
      t = new Token(Kind.NEWLINE, "\n", null, start, start + 1, line + 1);
    } else {
      String op = operatorAt(pos);
      if (op != null) {
        t = new Token(Kind.OP, op, null, start, start + op.length(), line);
      } else {
        int saveLine = line;
        Word w = readWord();
        t = new Token(Kind.WORD, w.raw(), w, start, pos, line);
        pos = start;
        line = saveLine;
      }
    }
    peeked = t;
    return t;
  }

  private void consume(Token t) {
    if (t.kind == Kind.NEWLINE) {
      consumeNewline();
      return;
    }
    pos = t.end;
    line = t.endLine;
    peeked = null;
  }

  private String operatorAt(int i) {
    for (String op : OPERATORS) {
      if (src.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  /** Skips blanks, line continuations and a comment, stopping before a newline. */
  private void skipSpace() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
        line++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private void skipLinebreaks() {
    while (true) {
      skipSpace();
      if (pos < src.length() && src.charAt(pos) == '\n') {
        consumeNewline();
      } else {
        return;
      }
    }
  }

  /** Consumes a newline token, then reads the bodies of here-documents started on its line. */
  private void consumeNewline() {
    pos++;
    line++;
    peeked = null;
    if (pendingHereDocs.isEmpty()) {
      return;
    }
    List<HereDoc> docs = new ArrayList<>(pendingHereDocs);
    pendingHereDocs.clear();
    for (HereDoc doc : docs) {
      readHereDocBody(doc);
    }
  }

  private void readHereDocBody(HereDoc doc) {
    int startLine = line;
    StringBuilder body = new StringBuilder();
    while (pos < src.length()) {
      int eol = src.indexOf('\n', pos);
      String ln = eol < 0 ? src.substring(pos) : src.substring(pos, eol);
      pos = eol < 0 ? src.length() : eol + 1;
      if (eol >= 0) {
        line++;
      }
      if (doc.stripTabs) {
        ln = ln.replaceFirst("^\t+", "");
      }
      if (ln.equals(doc.delimiter)) {
        break;
      }
      body.append(ln).append('\n');
    }
    doc.body =
        doc.quoted
            ? Word.literal(body.toString())
            : new Parser(body.toString(), startLine).readHereDocWord();
  }

  // ---- words ----

  private static boolean isMeta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '('
        || c == ')' || c == '<' || c == '>';
  }

  /** Reads a word up to an unquoted metacharacter. */
  private Word readWord() {
    int start = pos;
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    if (pos < src.length() && src.charAt(pos) == '~') {
      readTilde(parts);
    }
    while (pos < src.length() && !isMeta(src.charAt(pos))) {
      if (!readSpecial(parts, lit, false)) {
        lit.append(src.charAt(pos++));
      }
    }
    flush(parts, lit);
    return new Word(parts, src.substring(start, pos));
  }

  /** Reads the right side of {@code =~}: parentheses and {@code |} are part of the regex. */
  private Word readRegexWord() {
    int start = pos;
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int depth = 0;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (depth == 0 && (c == ' ' || c == '\t' || c == '\n')) {
        break;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      }
      if (!readSpecial(parts, lit, false)) {
        lit.append(src.charAt(pos++));
      }
    }
    flush(parts, lit);
    peeked = null;
    return new Word(parts, src.substring(start, pos));
  }

  private void readTilde(List<Part> parts) {
    int j = pos + 1;
    while (j < src.length()) {
      char c = src.charAt(j);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
        break;
      }
      j++;
    }
    if (j == src.length() || src.charAt(j) == '/' || isMeta(src.charAt(j))) {
      parts.add(new Tilde(src.substring(pos + 1, j)));
      pos = j;
    }
  }

  /**
   * Reads a quote, escape or expansion at {@code pos} into {@code parts}.
   *
   * @param literalSingleQuote whether {@code '} is an ordinary character (inside {@code ${...}}
   *     within double quotes)
   * @return false if the character at {@code pos} is ordinary (nothing consumed)
   */
  private boolean readSpecial(List<Part> parts, StringBuilder lit, boolean literalSingleQuote) {
    char c = src.charAt(pos);
    switch (c) {
      case '\\':
        if (pos + 1 >= src.length()) {
          lit.append('\\');
          pos++;
        } else if (src.charAt(pos + 1) == '\n') {
          pos += 2;
          line++;
        } else {
          flush(parts, lit);
          parts.add(new Quoted(String.valueOf(src.charAt(pos + 1))));
          pos += 2;
        }
        return true;
      case '\'':
        if (literalSingleQuote) {
          return false;
        }
        flush(parts, lit);
        parts.add(new Quoted(readSingleQuoted()));
        return true;
      case '"':
        flush(parts, lit);
        parts.add(readDoubleQuoted());
        return true;
      case '$':
        Part p = readDollar(false);
        if (p == null) {
          return false;
        }
        flush(parts, lit);
        parts.add(p);
        return true;
      case '`':
        flush(parts, lit);
        parts.add(readBackquoted(false));
        return true;
      case '\n':
        line++;
        return false;
      default:
        return false;
    }
  }

  private static void flush(List<Part> parts, StringBuilder lit) {
    if (lit.length() > 0) {
      parts.add(new Lit(lit.toString()));
      lit.setLength(0);
    }
  }

  private String readSingleQuoted() {
    int end = src.indexOf('\'', pos + 1);
    if (end < 0) {
      throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "'", false, null, line);
    }
    String text = src.substring(pos + 1, end);
    line += count(text, '\n');
    pos = end + 1;
    return text;
  }

  private Dq readDoubleQuoted() {
    int startLine = line;
    pos++;
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (true) {
      if (pos >= src.length()) {
        throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "\"", false, null, startLine);
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      readDoubleQuotedChar(parts, text, true);
    }
    flushQuoted(parts, text);
    return new Dq(parts);
  }

  /** One character (or escape or expansion) of a double-quoted string or here-document. */
  private void readDoubleQuotedChar(List<Part> parts, StringBuilder text, boolean dquote) {
    char c = src.charAt(pos);
    if (c == '\\' && pos + 1 < src.length()) {
      char n = src.charAt(pos + 1);
      if (n == '\n') {
        pos += 2;
        line++;
        return;
      }
      if (n == '$' || n == '`' || n == '\\' || (dquote && n == '"')) {
        text.append(n);
        pos += 2;
        return;
      }
      text.append('\\');
      pos++;
      return;
    }
    if (c == '$') {
      Part p = readDollar(true);
      if (p != null) {
        flushQuoted(parts, text);
        parts.add(p);
        return;
      }
    } else if (c == '`') {
      flushQuoted(parts, text);
      parts.add(readBackquoted(true));
      return;
    } else if (c == '\n') {
      line++;
    }
    text.append(c);
    pos++;
  }

  private static void flushQuoted(List<Part> parts, StringBuilder text) {
    if (text.length() > 0) {
      parts.add(new Quoted(text.toString()));
      text.setLength(0);
    }
  }

  /** The whole input read as the inside of double quotes ({@code "} is ordinary). */
  Word readDoubleQuotedBody() {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    while (pos < src.length()) {
      readDoubleQuotedChar(parts, text, false);
    }
    flushQuoted(parts, text);
    return new Word(List.of(new Dq(parts)), src);
  }

  /** A here-document body with expansions: like double quotes, but {@code "} is ordinary. */
  private Word readHereDocWord() {
    return readDoubleQuotedBody();
  }

  /**
   * Reads an expansion starting with {@code $}.
   *
   * @return the part, or null if this {@code $} is an ordinary character
   */
  private Part readDollar(boolean inDq) {
    if (pos + 1 >= src.length()) {
      return null;
    }
    char n = src.charAt(pos + 1);
    if (n == '(') {
      if (src.startsWith("((", pos + 1)) {
        int end = matchDoubleParen(pos + 3);
        if (end >= 0) {
          int startLine = line;
          String expr = src.substring(pos + 3, end);
          line += count(expr, '\n');
          pos = end + 2;
          return new Arith(new Parser(expr, startLine).readDoubleQuotedBody());
        }
      }
      return readCommandSubstitution();
    }
    if (n == '{') {
      return readBraceParam(inDq);
    }
    if (n == '\'' && !inDq) {
      pos++;
      return new Quoted(readAnsiC());
    }
    if (n == '"' && !inDq) {
      pos++;
      return readDoubleQuoted();
    }
    if (Character.isLetter(n) || n == '_') {
      int j = pos + 1;
      while (j < src.length() && isNameChar(src.charAt(j))) {
        j++;
      }
      Param p = new Param(src.substring(pos + 1, j), null, null, null);
      pos = j;
      return p;
    }
    if (Character.isDigit(n) || "@*#?-$!".indexOf(n) >= 0) {
      pos += 2;
      return new Param(String.valueOf(n), null, null, null);
    }
    return null;
  }

  private CmdSub readCommandSubstitution() {
    pos += 2;
    peeked = null;
    skipLinebreaks();
    if (peek().isOp(")")) {
      consume(peek());
      return new CmdSub(new ListNode(List.of()));
    }
    ListNode body = parseList(false, ")");
    skipLinebreaks();
    expectOp(")");
    return new CmdSub(body);
  }

  private CmdSub readBackquoted(boolean inDq) {
    int startLine = line;
    StringBuilder body = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= src.length()) {
        throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "`", false, null, startLine);
      }
      char c = src.charAt(i);
      if (c == '`') {
        break;
      }
      if (c == '\\' && i + 1 < src.length()) {
        char n = src.charAt(i + 1);
        if (n == '$' || n == '`' || n == '\\' || (inDq && n == '"')) {
          body.append(n);
          i += 2;
          continue;
        }
      }
      body.append(c);
      i++;
    }
    String text = body.toString();
    line += count(src.substring(pos, i), '\n');
    pos = i + 1;
    return new CmdSub(new Parser(text, startLine).parseAll());
  }

  private Param readBraceParam(boolean inDq) {
    pos += 2;
    if (src.startsWith("#}", pos)) {
      pos += 2;
      return new Param("#", null, null, null);
    }
    if (pos + 1 < src.length() && src.charAt(pos) == '#' && src.charAt(pos + 1) != '}') {
      pos++;
      String name = readParamName();
      expectBrace();
      return new Param(name, "len", null, null);
    }
    String name = readParamName();
    if (pos < src.length() && src.charAt(pos) == '[' && isName(name)) {
      // Arrays are not simulated, but ${BASH_REMATCH[n]} is common enough to support: the
      // element is looked up as a variable named "BASH_REMATCH[n]".
      int close = src.indexOf(']', pos);
      if (close < 0) {
        throw new SyntaxError(SyntaxError.Kind.BAD_SUBSTITUTION, null, false, null, line);
      }
      name = name + src.substring(pos, close + 1);
      pos = close + 1;
    }
    if (pos >= src.length()) {
      throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "}", false, null, line);
    }
    if (src.charAt(pos) == '}') {
      pos++;
      return new Param(name, null, null, null);
    }
    String op = braceOperator();
    if (op == null) {
      throw new SyntaxError(SyntaxError.Kind.BAD_SUBSTITUTION, null, false, null, line);
    }
    pos += op.length();
    return readBraceOperands(name, op, inDq);
  }

  /** The word(s) after the operator of {@code ${name OP ...}}, through the closing brace. */
  private Param readBraceOperands(String name, String op, boolean inDq) {
    if (op.startsWith("/")) {
      if (pos < src.length() && (src.charAt(pos) == '#' || src.charAt(pos) == '%')) {
        op = "/" + src.charAt(pos++);
      }
      Word pattern = readBraceArg("/}", inDq);
      Word replacement = null;
      if (src.charAt(pos) == '/') {
        pos++;
        replacement = readBraceArg("}", inDq);
      }
      expectBrace();
      return new Param(name, op, pattern, replacement);
    }
    if (op.equals(":")) {
      Word offset = readBraceArg(":}", inDq);
      Word length = null;
      if (src.charAt(pos) == ':') {
        pos++;
        length = readBraceArg("}", inDq);
      }
      expectBrace();
      return new Param(name, op, offset, length);
    }
    Word arg = readBraceArg("}", inDq);
    expectBrace();
    return new Param(name, op, arg, null);
  }

  private String readParamName() {
    int j = pos;
    if (j < src.length() && (Character.isLetter(src.charAt(j)) || src.charAt(j) == '_')) {
      while (j < src.length() && isNameChar(src.charAt(j))) {
        j++;
      }
    } else if (j < src.length() && Character.isDigit(src.charAt(j))) {
      while (j < src.length() && Character.isDigit(src.charAt(j))) {
        j++;
      }
    } else if (j < src.length() && "@*#?-$!".indexOf(src.charAt(j)) >= 0) {
      j++;
    }
    if (j == pos) {
      throw new SyntaxError(SyntaxError.Kind.BAD_SUBSTITUTION, null, false, null, line);
    }
    String name = src.substring(pos, j);
    pos = j;
    return name;
  }

  private String braceOperator() {
    for (String op :
        new String[] {
          ":-", ":=", ":+", ":?", "-", "=", "+", "?", "##", "#", "%%", "%", "//", "/", ":", "^^",
          "^", ",,", ","
        }) {
      if (src.startsWith(op, pos)) {
        return op;
      }
    }
    return null;
  }

  private void expectBrace() {
    if (pos >= src.length() || src.charAt(pos) != '}') {
      if (pos >= src.length()) {
        throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "}", false, null, line);
      }
      throw new SyntaxError(SyntaxError.Kind.BAD_SUBSTITUTION, null, false, null, line);
    }
    pos++;
  }

  /** The word inside {@code ${name OP word}}, up to one of {@code stops} outside nesting. */
  private Word readBraceArg(String stops, boolean inDq) {
    int start = pos;
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int depth = 0;
    while (true) {
      if (pos >= src.length()) {
        throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "}", false, null, line);
      }
      char c = src.charAt(pos);
      if (depth == 0 && stops.indexOf(c) >= 0) {
        break;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth--;
      }
      if (inDq && c == '"') {
        pos++;
        continue;
      }
      if (!readSpecial(parts, lit, inDq)) {
        lit.append(src.charAt(pos++));
      }
    }
    flush(parts, lit);
    return new Word(parts, src.substring(start, pos));
  }

  /** Reads {@code '...'} after {@code $} with C escapes. */
  private String readAnsiC() {
    StringBuilder out = new StringBuilder();
    int i = pos + 1;
    while (true) {
      if (i >= src.length()) {
        throw new SyntaxError(SyntaxError.Kind.UNTERMINATED, "'", false, null, line);
      }
      char c = src.charAt(i);
      if (c == '\'') {
        break;
      }
      if (c == '\\' && i + 1 < src.length()) {
        i = Escapes.decode(src, i + 1, out, true);
        continue;
      }
      if (c == '\n') {
        line++;
      }
      out.append(c);
      i++;
    }
    pos = i + 1;
    return out.toString();
  }

  private static String delimiterOf(Word w) {
    StringBuilder sb = new StringBuilder();
    for (Part p : w.parts()) {
      if (p instanceof Lit l) {
        sb.append(l.text());
      } else if (p instanceof Quoted q) {
        sb.append(q.text());
      } else if (p instanceof Dq dq) {
        for (Part inner : dq.parts()) {
          if (inner instanceof Quoted q) {
            sb.append(q.text());
          }
        }
      } else if (p instanceof Param param) {
        sb.append('$').append(param.name());
      }
    }
    return sb.toString();
  }

  private static boolean isQuoted(Word w) {
    return w.parts().stream().anyMatch(p -> p instanceof Quoted || p instanceof Dq);
  }

  static boolean isName(String s) {
    if (s == null || s.isEmpty() || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    return s.chars().allMatch(c -> isNameChar((char) c));
  }

  private static boolean isFunctionName(String s) {
    if (s == null || s.isEmpty() || s.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return s.chars().allMatch(c -> isNameChar((char) c) || c == '-' || c == '.' || c == ':');
  }

  private static boolean isNameChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }
}
