package io.bigfs.bench.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MasterMemoryTest {
  @Test
  void theSlopeOfReadingsOnALineIsThatLinesSlope() {
    assertThat(MasterMemory.slope(new double[] {0, 10, 20, 30}, new double[] {5, 25, 45, 65})).isCloseTo(2, within(1e-9));
  }

  @Test
  void aSawtoothAroundAFlatLineHasASlopeNearZeroWhereItsEndsAloneWouldNot() {
    double[] x = {0, 1, 2, 3, 4, 5};
    double[] y = {100, 140, 100, 140, 100, 140};
    assertThat((y[5] - y[0]) / (x[5] - x[0])).isEqualTo(8);
    assertThat(Math.abs(MasterMemory.slope(x, y))).isLessThan(4);
  }
}
