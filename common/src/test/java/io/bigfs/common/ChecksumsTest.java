package io.bigfs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** A ByteString's CRC, read where its bytes lie, is the CRC of the same bytes in an array. */
class ChecksumsTest {
  private static final byte[] DATA = new byte[3 * Checksums.BLOCK + 123];

  static {
    new Random(5).nextBytes(DATA);
  }

  @Test
  void everyKindOfByteStringHasTheCrcOfItsBytes() {
    int whole = Checksums.crc(DATA, 0, DATA.length);
    ByteBuffer direct = ByteBuffer.allocateDirect(DATA.length).put(DATA).flip();
    int half = DATA.length / 2;
    ByteString[] forms = {
        ByteString.copyFrom(DATA),
        ByteString.copyFrom(new byte[7]).concat(ByteString.copyFrom(DATA)).substring(7),  // a rope, cut
        ByteString.copyFrom(DATA, 0, half).concat(ByteString.copyFrom(DATA, half, DATA.length - half)),
        UnsafeByteOperations.unsafeWrap(direct),
        UnsafeByteOperations.unsafeWrap(ByteBuffer.wrap(DATA).asReadOnlyBuffer()),
    };
    for (ByteString form : forms) {
      assertEquals(whole, Checksums.crc(form), form.getClass().getSimpleName());
    }
    assertEquals(Checksums.crc(DATA, 100, 5000), Checksums.crc(ByteString.copyFrom(DATA).substring(100, 5100)));
    assertEquals(DATA.length, direct.remaining(), "the direct buffer's position is left alone");
  }

  @Test
  void updateContinuesARunningCrcAndSeesAChangedByte() {
    CRC32C running = new CRC32C();
    Checksums.update(running, ByteString.copyFrom(DATA, 0, 1000));
    Checksums.update(running, ByteString.copyFrom(DATA, 1000, DATA.length - 1000));
    assertEquals(Checksums.crc(DATA, 0, DATA.length), (int) running.getValue());

    byte[] damaged = DATA.clone();
    damaged[Checksums.BLOCK + 17] ^= 1;
    assertNotEquals(Checksums.crc(DATA, 0, DATA.length), Checksums.crc(ByteString.copyFrom(damaged)));
  }
}
