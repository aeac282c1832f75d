package dev.kc.controlplane.kubelet.sim;

/**
 * A shell syntax error, worded by the caller in the style of the shell that was invoked: dash
 * ({@code sh: 1: Syntax error: "fi" unexpected}) or bash ({@code bash: -c: line 1: syntax error
 * near unexpected token `fi'}).
 */
final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of error, which decides the wording. */
  enum Kind {
    /** A token where it does not belong; {@code token} null means end of file. */
    UNEXPECTED,
    /** A quote without its closing quote; {@code token} is the quote character. */
    UNTERMINATED,
    /** A malformed {@code ${...}}. */
    BAD_SUBSTITUTION,
    /** Anything else; {@code token} is the message. */
    OTHER
  }

  final Kind kind;
  final String token;
  final boolean word;
  final String expecting;
  final int line;

  SyntaxError(Kind kind, String token, boolean word, String expecting, int line) {
    super(kind + " " + token + " line " + line);
    this.kind = kind;
    this.token = token;
    this.word = word;
    this.expecting = expecting;
    this.line = line;
  }

  /** The message as dash prints it after {@code NAME: LINE: }. */
  String dashMessage() {
    switch (kind) {
      case UNTERMINATED:
        return "Syntax error: Unterminated quoted string";
      case BAD_SUBSTITUTION:
        return "Bad substitution";
      case OTHER:
        return "Syntax error: " + token;
      default:
        String what =
            token == null ? "end of file" : token.equals("\n") ? "newline" : '"' + token + '"';
        String exp = expecting == null ? "" : " (expecting \"" + expecting + "\")";
        return "Syntax error: " + what + " unexpected" + exp;
    }
  }

  /** The message as bash prints it after {@code NAME: line LINE: }. */
  String bashMessage() {
    switch (kind) {
      case UNTERMINATED:
        return "unexpected EOF while looking for matching `" + token + "'";
      case BAD_SUBSTITUTION:
        return "bad substitution";
      case OTHER:
        return "syntax error: " + token;
      default:
        if (token == null) {
          return "syntax error: unexpected end of file";
        }
        String t = token.equals("\n") ? "newline" : token;
        return "syntax error near unexpected token `" + t + "'";
    }
  }
}
