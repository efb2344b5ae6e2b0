package io.bigfs.shell.local;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.bigfs.shell.metrics.TargetsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScrapeTargetsTest {
  @Test
  void theClusterFilesListEveryNodesMetricsPortByJob(@TempDir Path dir) throws IOException {
    LocalCluster cluster = LocalCluster.create(dir, 3, 2);
    cluster.save();

    Path file = dir.resolve(TargetsFile.LOCAL_NAME);
    assertThat(TargetsFile.read(file)).containsExactlyElementsOf(
        cluster.nodes().stream().map(n -> "127.0.0.1:" + n.httpPort()).toList());
    JsonArray groups = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).getAsJsonObject().getAsJsonObject("labels").get("job").getAsString())
        .isEqualTo("bigfs-master");
    assertThat(groups.get(1).getAsJsonObject().getAsJsonObject("labels").get("job").getAsString())
        .isEqualTo("bigfs-chunkserver");
    assertThat(groups.get(1).getAsJsonObject().getAsJsonArray("targets")).hasSize(2);

    LocalCluster.load(dir).orElseThrow().withNodes(LocalNode.Kind.CHUNKSERVER, 3).save();
    assertThat(TargetsFile.read(file)).as("a chunkserver added later is scraped too").hasSize(6);
  }
}
