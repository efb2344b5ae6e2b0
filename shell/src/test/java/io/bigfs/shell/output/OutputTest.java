package io.bigfs.shell.output;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTest {
  @Test
  void tablesAlignColumnsAndRightAlignNumbers() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new Table(3).right(1).row("NAME", "SIZE", "WHERE").row("a", 5, "x").row("longer", 12345, "y")
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
        "NAME     SIZE  WHERE\n"
            + "a           5  x\n"
            + "longer  12345  y\n");
  }

  @Test
  void permissionsAndModesAsLsAndChmodShowThem() {
    assertThat(Formats.permissions(true, 0755)).isEqualTo("drwxr-xr-x");
    assertThat(Formats.permissions(false, 0640)).isEqualTo("-rw-r-----");
    assertThat(Formats.permissions(true, 01777)).isEqualTo("drwxrwxrwt");
    assertThat(Formats.permissions(false, 04644)).isEqualTo("-rwSr--r--");
    assertThat(Formats.octal(0755)).isEqualTo("0755");
  }

  @Test
  void sizesAgesAndPercentages() {
    assertThat(Formats.size(1536L * 1024 * 1024, true)).isEqualTo("1.5 GiB");
    assertThat(Formats.size(1536, false)).isEqualTo("1536");
    assertThat(Formats.age(0, 5000)).isEqualTo("never");
    assertThat(Formats.age(1000, 1400)).isEqualTo("0.4s ago");
    assertThat(Formats.age(0 + 1, 1 + 192_000)).isEqualTo("3m12s ago");
    assertThat(Formats.percent(1, 3)).isEqualTo("33%");
    assertThat(Formats.percent(1, 0)).isEqualTo("-");
  }

  @Test
  void progressDrawsOnATerminalAtMostFiveTimesASecond() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AtomicLong nowNs = new AtomicLong();
    Progress p = Progress.start(err, true, "big.iso", 100L << 20, nowNs::get);
    p.advance(10L << 20);
    assertThat(bytes.size()).as("nothing before the first redraw interval").isZero();
    nowNs.set(1_000_000_000L);
    p.advance(40L << 20);
    String line = bytes.toString(StandardCharsets.UTF_8);
    assertThat(line).startsWith("\rbig.iso").contains("[==============>               ]", " 50%",
        "50.0 MiB / 100.0 MiB", "50.0 MiB/s");
    nowNs.set(1_100_000_000L);
    p.advance(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).as("no redraw within 200 ms").isEqualTo(line);
    nowNs.set(2_000_000_000L);
    p.advance((50L << 20) - 1);
    p.finish();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("100%  100.0 MiB / 100.0 MiB  50.0 MiB/s\n");
  }

  @Test
  void noProgressOffATerminalOrForSmallFiles() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    AtomicLong nowNs = new AtomicLong();
    Progress piped = Progress.start(err, false, "big.iso", 100L << 20, nowNs::get);
    Progress small = Progress.start(err, true, "small.txt", 1000, nowNs::get);
    nowNs.set(5_000_000_000L);
    piped.advance(100L << 20);
    small.advance(1000);
    piped.finish();
    small.finish();
    assertThat(bytes.size()).isZero();
  }
}
