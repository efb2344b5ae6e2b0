package io.bigfs.shell;

import io.bigfs.common.BfsException;
import io.bigfs.common.Statuses;
import io.bigfs.proto.StatusCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsTest {
  @Test
  void fileSystemExceptionsReadLikeTheUnixTools() {
    assertThat(Errors.line(new NoSuchFileException("/a/b"))).isEqualTo("bfs: /a/b: No such file or directory");
    assertThat(Errors.line(new FileAlreadyExistsException("/a"))).isEqualTo("bfs: /a: File exists");
    assertThat(Errors.line(new DirectoryNotEmptyException("/d"))).isEqualTo("bfs: /d: Directory not empty");
    assertThat(Errors.line(new NotDirectoryException("/f"))).isEqualTo("bfs: /f: Not a directory");
    assertThat(Errors.line(new AccessDeniedException("/s", null, "whatever the server said")))
        .isEqualTo("bfs: /s: Permission denied");
  }

  @Test
  void theClientsStatusExceptionsGetTheSameWording() {
    IOException e = Statuses.toException(Statuses.of(StatusCode.NOT_FOUND, "/x: not found"), "/x");
    assertThat(Errors.line(e)).isEqualTo("bfs: /x: No such file or directory");
  }

  @Test
  void theMastersDenialsAreShownAsTheyAreWorded() {
    IOException e = Statuses.toException(Statuses.of(StatusCode.PERMISSION_DENIED,
        "permission denied: user=bob, access=WRITE, path=/data (alice:staff drwxr-xr-x)"), "/data/x");
    assertThat(Errors.line(e))
        .isEqualTo("bfs: permission denied: user=bob, access=WRITE, path=/data (alice:staff drwxr-xr-x)");
  }

  @Test
  void bigFsExceptionsKeepTheirMessageAndWrappersAreSeenThrough() {
    assertThat(Errors.line(BfsException.isDirectory("/d"))).isEqualTo("bfs: /d: Is a directory");
    assertThat(Errors.line(new UncheckedIOException(new NoSuchFileException("/gone"))))
        .isEqualTo("bfs: /gone: No such file or directory");
    assertThat(Errors.line(new IllegalStateException())).isEqualTo("bfs: IllegalStateException");
  }
}
