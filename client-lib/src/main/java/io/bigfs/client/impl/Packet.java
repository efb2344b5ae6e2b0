package io.bigfs.client.impl;

import com.google.protobuf.UnsafeByteOperations;
import io.bigfs.common.Checksums;
import io.bigfs.proto.WritePacket;

/**
 * One packet of a chunk being written, kept until every replica has acknowledged it so that it
 * can be sent again to a rebuilt pipeline.
 */
record Packet(long seq, long offset, byte[] data, int[] checksums, boolean last, boolean sync) {

  static Packet of(long seq, long offset, byte[] data, boolean last, boolean sync) {
    return new Packet(seq, offset, data, Checksums.pieceCrcs(data, 0, data.length, offset), last, sync);
  }

  long end() {
    return offset + data.length;
  }

  WritePacket toProto() {
    WritePacket.Builder b = WritePacket.newBuilder()
        .setSeq(seq).setOffset(offset).setData(UnsafeByteOperations.unsafeWrap(data))
        .setLast(last).setSync(sync);
    for (int c : checksums) {
      b.addChecksums(c);
    }
    return b.build();
  }
}
