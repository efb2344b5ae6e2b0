package io.bigfs.shell;

import io.bigfs.client.BfsClientConfig;
import io.bigfs.common.BfsException;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who the shell acts as, and the umask of what it makes: --user, else BFS_USER, else the login
 * name (simple mode: the masters believe the name, as HDFS without Kerberos believes
 * HADOOP_USER_NAME); BFS_UMASK (octal, e.g. 027), else 022.
 */
public final class Identity {
  public static final String ENV_USER = "BFS_USER";
  public static final String ENV_UMASK = "BFS_UMASK";
  private static final Pattern OCTAL = Pattern.compile("0?[0-7]{1,3}");

  private Identity() {}

  /** The client settings {@code base} acting as the user and with the umask this environment names. */
  public static BfsClientConfig apply(BfsClientConfig base, String userOption, Map<String, String> env)
      throws BfsException {
    BfsClientConfig config = base.withUmask(umask(env));
    String user = userOption != null ? userOption : env.get(ENV_USER);
    return user == null || user.isBlank() ? config : config.withUser(user.strip());
  }

  static int umask(Map<String, String> env) throws BfsException {
    String text = env.get(ENV_UMASK);
    if (text == null || text.isBlank()) {
      return BfsClientConfig.DEFAULT_UMASK;
    }
    if (!OCTAL.matcher(text.strip()).matches()) {
      throw BfsException.invalid(ENV_UMASK + "=" + text + " is not an octal umask (e.g. 022, 027)");
    }
    return Integer.parseInt(text.strip(), 8);
  }
}
