package dev.kc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {
  static Stream<Arguments> quantities() {
    return Stream.of(
        Arguments.of("100m", 100L, 1L),
        Arguments.of("0.5", 500L, 1L),
        Arguments.of("1", 1000L, 1L),
        Arguments.of("2", 2000L, 2L),
        Arguments.of("1.5", 1500L, 2L),
        Arguments.of("200Mi", 209_715_200_000L, 209_715_200L),
        Arguments.of("1Gi", 1_073_741_824_000L, 1_073_741_824L),
        Arguments.of("1Ki", 1_024_000L, 1024L),
        Arguments.of("1e3", 1_000_000L, 1000L),
        Arguments.of("1E3", 1_000_000L, 1000L),
        Arguments.of("5e-3", 5L, 1L),
        Arguments.of("1k", 1_000_000L, 1000L),
        Arguments.of("1M", 1_000_000_000L, 1_000_000L),
        Arguments.of("128974848", 128_974_848_000L, 128_974_848L),
        Arguments.of("129e6", 129_000_000_000L, 129_000_000L),
        Arguments.of("123Mi", 128_974_848_000L, 128_974_848L),
        Arguments.of("1n", 1L, 1L),
        Arguments.of("+1", 1000L, 1L),
        Arguments.of("0", 0L, 0L),
        Arguments.of(".5", 500L, 1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quantities")
  void parsesKubernetesQuantities(String text, long milli, long units) {
    Quantity q = Quantity.parse(text);
    assertEquals(milli, q.milliValue());
    assertEquals(units, q.value());
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "abc", "1Zi", "1.2.3", "Mi", "1e", "1 Mi", "--1", "1mm"})
  void rejectsMalformedText(String text) {
    assertThrows(IllegalArgumentException.class, () -> Quantity.parse(text));
  }

  @ParameterizedTest(name = "{0} == {1}")
  @MethodSource("equal")
  void comparesByValue(String a, String b) {
    assertEquals(0, Quantity.parse(a).compareTo(Quantity.parse(b)));
    assertEquals(Quantity.parse(a), Quantity.parse(b));
    assertEquals(Quantity.parse(a).hashCode(), Quantity.parse(b).hashCode());
  }

  static Stream<Arguments> equal() {
    return Stream.of(
        Arguments.of("1000m", "1"), Arguments.of("1024", "1Ki"), Arguments.of("1e3", "1k"));
  }
}
