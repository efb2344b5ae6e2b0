package io.bigfs.client.cache;

import io.bigfs.client.impl.ByteSource;
import io.bigfs.client.impl.RemoteFile;
import io.bigfs.proto.FileStatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * A file "on the chunkservers" for cache tests: bytes made from its key, served in uneven
 * pieces (not aligned to 64 KiB blocks).
 */
final class FakeRemote implements RemoteFile {
  private static final int PIECE_BYTES = 50_000;

  private final byte[] data;
  private final FileStatus status;
  private final boolean changedWhileRead;

  FakeRemote(CacheKey key, boolean changedWhileRead) {
    this.data = content(key);
    this.status = FileStatus.newBuilder().setInodeId(key.inodeId()).setMtimeMs(key.modifiedMs())
        .setLength(key.length()).build();
    this.changedWhileRead = changedWhileRead;
  }

  FakeRemote(CacheKey key) {
    this(key, false);
  }

  /** The bytes of the file version {@code key} names. */
  static byte[] content(CacheKey key) {
    byte[] bytes = new byte[Math.toIntExact(key.length())];
    new Random(key.inodeId() * 31 + key.modifiedMs()).nextBytes(bytes);
    return bytes;
  }

  /** Reads {@code source} from {@code from} to the end, in pieces of {@code piece} bytes. */
  static byte[] readFrom(ByteSource source, long from, int piece) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[piece];
    long position = from;
    int n;
    while ((n = source.read(position, buffer, 0, buffer.length, true)) > 0) {
      out.write(buffer, 0, n);
      position += n;
    }
    return out.toByteArray();
  }

  static byte[] readAll(ByteSource source) throws IOException {
    return readFrom(source, 0, 8192);
  }

  @Override
  public long length() {
    return data.length;
  }

  @Override
  public int read(long position, byte[] dst, int off, int len, boolean sequential) {
    if (position >= data.length) {
      return -1;
    }
    int n = (int) Math.min(Math.min(len, PIECE_BYTES), data.length - position);
    System.arraycopy(data, (int) position, dst, off, n);
    return n;
  }

  @Override
  public FileStatus onlyVersionSeen() {
    return changedWhileRead ? null : status;
  }

  @Override
  public void close() {
    // nothing held
  }
}
