package dev.kc.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What a command may learn from outside its arguments: environment variables, system properties,
 * stdin, whether stdout is a terminal and the clock. Tests build their own to run commands
 * in-process without touching the real environment.
 *
 * @param env environment variables
 * @param properties the system properties kc reads (see {@link #PROPERTIES})
 * @param stdin standard input (for {@code -f -})
 * @param terminal whether stdout is an interactive terminal (enables colours)
 * @param clock the clock used for ages and timeouts
 */
public record Environment(
    Map<String, String> env,
    Map<String, String> properties,
    InputStream stdin,
    boolean terminal,
    Clock clock) {

  /**
   * The system properties kc reads: {@code kc.lib} (install lib dir, set by the launcher), {@code
   * kc.daemon.classpath} (daemon class path, wins over kc.lib) and {@code kc.daemon.main} (daemon
   * main class override, for tests).
   */
  public static final String[] PROPERTIES = {"kc.lib", "kc.daemon.classpath", "kc.daemon.main"};

  /** The real process environment. */
  public static Environment system() {
    Map<String, String> props = new HashMap<>();
    for (String p : PROPERTIES) {
      String v = System.getProperty(p);
      if (v != null) {
        props.put(p, v);
      }
    }
    return new Environment(
        System.getenv(), props, System.in, System.console() != null, Clock.systemUTC());
  }

  /**
   * An environment made of the given variables only (no system properties, empty stdin, not a
   * terminal, system clock); convenient for tests.
   */
  public static Environment of(Map<String, String> vars) {
    return new Environment(vars, Map.of(), InputStream.nullInputStream(), false, Clock.systemUTC());
  }

  /** An environment variable, or {@code null}. */
  public String getenv(String name) {
    return env.get(name);
  }

  /** A system property (one of {@link #PROPERTIES}), or {@code null}. */
  public String property(String name) {
    return properties.get(name);
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
