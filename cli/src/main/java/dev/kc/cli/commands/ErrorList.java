package dev.kc.cli.commands;

import dev.kc.cli.Main;
import dev.kc.cli.client.ApiException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Errors collected while a command carries on with its other items, printed at the end the way
 * kubectl prints them: a single error in its usual form; several errors one per line, API errors as
 * {@code Error from server (...)}, others without the {@code error: } prefix.
 */
final class ErrorList {

  private final List<RuntimeException> errors = new ArrayList<>();

  /** Records an error. */
  void add(RuntimeException e) {
    errors.add(e);
  }

  /** True when nothing was recorded. */
  boolean isEmpty() {
    return errors.isEmpty();
  }

  /**
   * Prints the errors to {@code err}.
   *
   * @return the exit code: 0 when there were none, else 1
   */
  int print(PrintWriter err) {
    if (errors.isEmpty()) {
      return 0;
    }
    if (errors.size() == 1) {
      err.println(Main.message(errors.get(0)));
    } else {
      for (RuntimeException e : errors) {
        String msg =
            e instanceof ApiException ? ((ApiException) e).standardMessage() : Main.message(e);
        if (!(e instanceof ApiException) && msg.startsWith("error: ")) {
          msg = msg.substring("error: ".length());
        }
        err.println(msg);
      }
    }
    err.flush();
    return 1;
  }
}
