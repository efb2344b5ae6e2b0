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
        if (Checksums.crc(block.flip()) != crcs[i]) {
          break;
        }
        valid += n;
      }
      return valid;
    } catch (IOException e) {
      return 0;
    }
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
