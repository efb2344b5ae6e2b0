package io.bigfs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
    assertThat(Stats.median(new double[] {7})).isEqualTo(7);
    assertThat(Stats.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void theValuesAreLeftInTheirOrder() {
    double[] values = {3, 1, 2};
    Stats.median(values);
    assertThat(values).containsExactly(3, 1, 2);
  }
}
