package io.bigfs.master.access;

import io.bigfs.proto.MutateRequest;
import io.bigfs.proto.QueryRequest;
import io.bigfs.proto.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * One line per namespace mutation the leader handles and per permission denial, appended to its
 * own file:
 * <pre>
 * time=2026-01-31T14:05:09.123Z allowed=false user=bob addr=10.0.0.7:51234 op=delete path=/data/x target=-
 *     result=PERMISSION_DENIED
 * </pre>
 * (one line in the file).
 * Always the same keys in the same order, separated by one space; a value that holds a space,
 * a '%' or a control character is percent-encoded (UTF-8), and "-" stands for none. Lines are
 * flushed as written (not synced: the Raft log, not this file, is what survives a crash).
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  /** Longer than any valid path (4096 characters), so only refused requests are cut. */
  static final int MAX_VALUE_CHARS = 4200;

  private final Writer out;
  /** A write failed and was logged; the next failure is not logged again until a write succeeds. */
  private boolean failing;

  private AuditLog(Writer out) {
    this.out = out;
  }

  public static AuditLog open(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    return new AuditLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
  }

  /** A client's mutation and its result (renew_lease, which names no path, is left out). */
  public void mutation(String user, String address, MutateRequest request, StatusCode result) {
    if (request.getOpCase() == MutateRequest.OpCase.RENEW_LEASE) {
      return;
    }
    String[] paths = paths(request);
    write(user, address, request.getOpCase().name(), paths[0], paths[1], result);
  }

  /** A read, when it was denied; allowed reads are not logged. */
  public void query(String user, String address, QueryRequest request, StatusCode result) {
    if (result != StatusCode.PERMISSION_DENIED) {
      return;
    }
    String path = switch (request.getQueryCase()) {
      case STAT -> request.getStat().getPath();
      case LIST -> request.getList().getPath();
      case LOCATIONS -> request.getLocations().getPath();
      case QUERY_NOT_SET -> "";
    };
    write(user, address, request.getQueryCase().name(), path, "", result);
  }

  /** An operator's request (decommission, rebalance, snapshot): {@code subject} goes in the target field. */
  public void admin(String user, String address, String op, String subject, StatusCode result) {
    write(user, address, op, "", subject, result);
  }

  private static String[] paths(MutateRequest r) {
    return switch (r.getOpCase()) {
      case MKDIRS -> new String[] {r.getMkdirs().getPath(), ""};
      case CREATE -> new String[] {r.getCreate().getPath(), ""};
      case ADD_CHUNK -> new String[] {r.getAddChunk().getPath(), ""};
      case COMPLETE -> new String[] {r.getComplete().getPath(), ""};
      case DELETE -> new String[] {r.getDelete().getPath(), ""};
      case RENAME -> new String[] {r.getRename().getSource(), r.getRename().getTarget()};
      case SET_PERMISSION -> new String[] {r.getSetPermission().getPath(), ""};
      case SET_OWNER -> new String[] {r.getSetOwner().getPath(), ""};
      case SET_REPLICATION -> new String[] {r.getSetReplication().getPath(), ""};
      case UPDATE_PIPELINE -> new String[] {r.getUpdatePipeline().getPath(), ""};
      case RENEW_LEASE, OP_NOT_SET -> new String[] {"", ""};
    };
  }

  private void write(String user, String address, String op, String path, String target, StatusCode result) {
    String line = "time=" + Instant.now()
        + " allowed=" + (result != StatusCode.PERMISSION_DENIED)
        + " user=" + value(user)
        + " addr=" + value(address)
        + " op=" + op.toLowerCase(Locale.ROOT)
        + " path=" + value(path)
        + " target=" + value(target)
        + " result=" + result.name()
        + "\n";
    synchronized (this) {
      try {
        out.write(line);
        out.flush();
        failing = false;
      } catch (IOException e) {
        // The request was served; a full disk must not turn answers into errors. Say so once.
        if (!failing) {
          LOG.error("cannot write the audit log; lines are lost until it can be written again", e);
        }
        failing = true;
      }
    }
  }

  /**
   * "-" for none; otherwise the text with spaces, '%' and control characters percent-encoded,
   * cut after {@link #MAX_VALUE_CHARS} (a refused request may carry anything).
   */
  static String value(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    String text = s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "..." : s;
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp == '%' || Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        for (byte octet : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          b.append(String.format(Locale.ROOT, "%%%02X", octet & 0xff));
        }
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
