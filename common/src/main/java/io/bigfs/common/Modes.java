package io.bigfs.common;

/** Permission bits as people read them, shared by the masters' messages and the shell's listings. */
public final class Modes {
  private Modes() {}

  /** "drwxr-xr-x" for a directory with mode 0755; set-id and sticky bits as ls shows them. */
  public static String symbolic(boolean directory, int mode) {
    StringBuilder s = new StringBuilder(10).append(directory ? 'd' : '-');
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    special(s, mode, 04000, 3, 's');
    special(s, mode, 02000, 6, 's');
    special(s, mode, 01000, 9, 't');
    return s.toString();
  }

  private static void special(StringBuilder s, int mode, int bit, int at, char letter) {
    if ((mode & bit) != 0) {
      s.setCharAt(at, s.charAt(at) == '-' ? Character.toUpperCase(letter) : letter);
    }
  }
}
