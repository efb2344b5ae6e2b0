package io.bigfs.chunkserver.storage;

import io.bigfs.common.Checksums;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Checks a replica's data against its checksum file. */
final class ReplicaCheck {
  private ReplicaCheck() {}

  /**
   * The length of the longest prefix of a replica that its checksums vouch for: what survives
   * of a replica that was being written when the node stopped.
   */
  static long validPrefix(Path dataFile) throws IOException {
    Path crcFile = ChunkFiles.checksumFileOf(dataFile);
    if (!Files.exists(crcFile)) {
      return 0;
    }
    try (FileChannel data = FileChannel.open(dataFile, StandardOpenOption.READ);
         FileChannel sums = FileChannel.open(crcFile, StandardOpenOption.READ)) {
      int entries = ChecksumFile.entries(sums);
      int[] crcs = entries == 0 ? new int[0] : ChecksumFile.read(sums, 0, entries);
      long size = data.size();
      long valid = 0;
      ByteBuffer block = ByteBuffer.allocate(Checksums.BLOCK);
      for (int i = 0; i < crcs.length && valid < size; i++) {
        int n = (int) Math.min(Checksums.BLOCK, size - valid);
        block.clear().limit(n);
        while (block.hasRemaining()) {
          data.read(block, valid + block.position());
        }
        block.flip();
        if (Checksums.crc(block) == crcs[i]) {
          valid += n;
          continue;
        }
        if (i == crcs.length - 1) {
          // The last block may have been partial when its CRC was written, with bytes after it
          // that never got a checksum: find the prefix the CRC covers.
          valid += coveredPrefix(block, crcs[i]);
        }
        break;
      }
      return valid;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The longest prefix of {@code block} whose CRC32C is {@code crc}, or 0. */
  private static int coveredPrefix(ByteBuffer block, int crc) {
    java.util.zip.CRC32C running = new java.util.zip.CRC32C();
    int best = 0;
    for (int i = 0; i < block.limit(); i++) {
      running.update(block.get(i));
      if ((int) running.getValue() == crc) {
        best = i + 1;
      }
    }
    return best;
  }

  /** CRCs of the full blocks below {@code length}, from the checksum file. */
  static int[] fullBlockCrcs(Path dataFile, long length) throws IOException {
    int blocks = (int) (length / Checksums.BLOCK);
    if (blocks == 0) {
      return new int[0];
    }
    try (FileChannel sums = FileChannel.open(ChunkFiles.checksumFileOf(dataFile), StandardOpenOption.READ)) {
      return ChecksumFile.read(sums, 0, blocks);
    }
  }
}
