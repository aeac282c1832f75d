package dev.kc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
    "-5, <invalid>",
    "-1, 0s",
    "0, 0s",
    "119, 119s",
    "120, 2m",
    "125, 2m5s",
    "599, 9m59s",
    "600, 10m",
    "10799, 179m",
    "10800, 3h",
    "11100, 3h5m",
    "28799, 7h59m",
    "28800, 8h",
    "172799, 47h",
    "172800, 2d",
    "183600, 2d3h",
    "691199, 7d23h",
    "691200, 8d",
    "63071999, 729d",
    "63072000, 2y",
    "63158400, 2y1d",
    "252288000, 8y",
    "315360000, 10y"
  })
  void formatsLikeKubectl(long seconds, String expected) {
    assertEquals(expected, HumanDuration.format(Duration.ofSeconds(seconds)));
  }

  @Test
  void truncatesSmallNegativeDurationsTowardZero() {
    assertEquals("0s", HumanDuration.format(Duration.ofMillis(-1500)));
  }

  @Test
  void sinceHandlesMissingAndBadTimestamps() {
    Instant now = Instant.parse("2026-01-01T00:10:00Z");

    assertEquals("10m", HumanDuration.since("2026-01-01T00:00:00Z", now));
    assertEquals("<unknown>", HumanDuration.since(null, now));
    assertEquals("<unknown>", HumanDuration.since("yesterday", now));
  }
}
