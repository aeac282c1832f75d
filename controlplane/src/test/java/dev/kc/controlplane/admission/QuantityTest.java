package dev.kc.controlplane.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuantityTest {

  static Stream<Arguments> canonicalForms() {
    return Stream.of(
        Arguments.of("100m", "100m"),
        Arguments.of("0.5", "500m"),
        Arguments.of("1000m", "1"),
        Arguments.of("1500m", "1500m"),
        Arguments.of("2000", "2k"),
        Arguments.of("100", "100"),
        Arguments.of("200Mi", "200Mi"),
        Arguments.of("1024Mi", "1Gi"),
        Arguments.of("1.5Gi", "1536Mi"),
        Arguments.of("0.5Ki", "512"),
        Arguments.of("1e3", "1e3"),
        Arguments.of("1E6", "1e6"),
        Arguments.of("0", "0"),
        Arguments.of("-1", "-1"),
        Arguments.of("1G", "1G"),
        Arguments.of("+5", "5"),
        Arguments.of("0.0000000001", "1n"),
        Arguments.of("1.", "1"));
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @MethodSource("canonicalForms")
  void printsTheCanonicalFormKubernetesStores(String text, String canonical) throws Exception {
    assertEquals(canonical, Quantity.parse(text).canonical());
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("", Quantity.ERR_FORMAT),
        Arguments.of("abc", Quantity.ERR_FORMAT),
        Arguments.of("1kb", Quantity.ERR_FORMAT),
        Arguments.of("1.2.3", Quantity.ERR_FORMAT),
        Arguments.of("1K", Quantity.ERR_SUFFIX),
        Arguments.of("1Kii", Quantity.ERR_SUFFIX),
        Arguments.of(".", Quantity.ERR_NUMERIC));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("rejected")
  void rejectsWhatKubernetesRejectsWithItsMessage(String text, String message) {
    Quantity.QuantityException e =
        assertThrows(Quantity.QuantityException.class, () -> Quantity.parse(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0} rounds up to {1}")
  @MethodSource("milliRounding")
  void resourceListValuesRoundUpToMilli(String text, String canonical) throws Exception {
    assertEquals(canonical, Quantity.parse(text).roundUpToMilli().canonical());
  }

  static Stream<Arguments> milliRounding() {
    return Stream.of(
        Arguments.of("0.0001", "1m"), Arguments.of("1.0001", "1001m"), Arguments.of("2Gi", "2Gi"));
  }
}
