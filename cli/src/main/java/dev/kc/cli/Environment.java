package dev.kc.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a command may learn from outside its arguments: environment variables, system
 * properties, stdin, whether stdout is a terminal and the clock. Tests build their own to run
 * commands in-process without touching the real environment.
 *
 * @param env environment variable lookup ({@code null} when unset)
 * @param properties system property lookup ({@code null} when unset)
 * @param stdin standard input (for {@code -f -})
 * @param terminal whether stdout is an interactive terminal (enables colours)
 * @param clock the clock used for ages and timeouts
 */
public record Environment(
    UnaryOperator<String> env,
    UnaryOperator<String> properties,
    InputStream stdin,
    boolean terminal,
    Clock clock) {

  /** The real process environment. */
  public static Environment system() {
    return new Environment(
        System::getenv, System::getProperty, System.in, System.console() != null,
        Clock.systemUTC());
  }

  /**
   * An environment made of the given variables only (no system properties, empty stdin, not a
   * terminal, system clock); convenient for tests.
   */
  public static Environment of(Map<String, String> vars) {
    return new Environment(vars::get, k -> null, InputStream.nullInputStream(), false,
        Clock.systemUTC());
  }

  /** Returns a copy reading stdin from {@code in}. */
  public Environment withStdin(InputStream in) {
    return new Environment(env, properties, in, terminal, clock);
  }

  /** Returns a copy that looks up system properties in {@code props}. */
  public Environment withProperties(Map<String, String> props) {
    return new Environment(env, props::get, stdin, terminal, clock);
  }

  /** An environment variable, or {@code null}. */
  public String getenv(String name) {
    return env.apply(name);
  }

  /** A system property, or {@code null}. */
  public String property(String name) {
    return properties.apply(name);
  }

  /** kc's home directory: {@code $KC_HOME}, else {@code ~/.kc}. */
  public Path kcHome() {
    String home = getenv("KC_HOME");
    if (home != null && !home.isEmpty()) {
      return Path.of(home);
    }
    String userHome = getenv("HOME");
    if (userHome == null || userHome.isEmpty()) {
      userHome = System.getProperty("user.home");
    }
    return Path.of(userHome, ".kc");
  }

  /** True when {@code KC_DEBUG=1}: errors print their stack trace. */
  public boolean debug() {
    return "1".equals(getenv("KC_DEBUG"));
  }
}
