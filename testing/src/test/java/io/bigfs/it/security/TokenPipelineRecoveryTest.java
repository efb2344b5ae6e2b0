package io.bigfs.it.security;

import io.bigfs.client.BfsClient;
import io.bigfs.client.BfsInputStream;
import io.bigfs.client.BfsOutputStream;
import io.bigfs.client.ChunkInfo;
import io.bigfs.client.CreateOptions;
import io.bigfs.testing.MiniCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token mode and TLS together, through a pipeline repair: the master's new pipeline carries a
 * fresh write token, with which the client orders a survivor to copy the acknowledged prefix
 * to the replacement, chunkserver to chunkserver.
 */
class TokenPipelineRecoveryTest {
  static final int CHUNK = 256 * 1024;
  MiniCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aPipelineNodeKilledMidWriteIsReplacedWithTokens() throws IOException {
    cluster = MiniCluster.builder().tls().tokens().chunkservers(4).start();
    BfsClient fs = cluster.newClient();
    byte[] data = new byte[4 * CHUNK + 999];
    new Random(5).nextBytes(data);
    int firstPart = 2 * CHUNK + 100_000;
    try (BfsOutputStream out = fs.create("/survivor", CreateOptions.DEFAULT.withChunkSize(CHUNK))) {
      out.write(data, 0, firstPart);
      out.hflush();
      ChunkInfo current = fs.chunks("/survivor", 2 * CHUNK, 1).get(0);
      cluster.killChunkserver(cluster.indexOfNode(current.nodeIds().get(1)));
      out.write(data, firstPart, data.length - firstPart);
    }
    try (BfsInputStream in = fs.open("/survivor")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(fs.chunks("/survivor", 2 * CHUNK, 1).get(0).version()).as("the chunk got a new version")
        .isGreaterThan(1);
  }

}
