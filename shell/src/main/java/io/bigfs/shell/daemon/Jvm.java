package io.bigfs.shell.daemon;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a server JVM is launched: the java binary and jars of the running shell (so the server
 * runs the same code), and the JVM flags for the server.
 */
public record Jvm(String java, String classpath, List<String> options) {
  public Jvm {
    options = List.copyOf(options);
  }

  /** The java and classpath of this JVM, with {@code options} split at white space. */
  public static Jvm current(Map<String, String> env, String options) {
    String java = ProcessHandle.current().info().command().orElseGet(() -> {
      String home = env.get("JAVA_HOME");
      return home != null ? Path.of(home, "bin", "java").toString() : "java";
    });
    List<String> flags = Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    return new Jvm(java, System.getProperty("java.class.path"), flags);
  }
}
