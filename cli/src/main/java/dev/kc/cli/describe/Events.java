package dev.kc.cli.describe;

import dev.kc.cli.json.Json;
import dev.kc.cli.output.HumanDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The Events section that ends every description. */
public final class Events {

  private Events() {}

  /**
   * Writes {@code Events: <none>} or the table Type/Reason/Age/From/Message, events sorted by last
   * timestamp. Age is {@code <since first>} or, for repeated events, {@code <since last> (xN over
   * <since first>)}.
   */
  public static void write(DescribeWriter w, List<Map<String, Object>> events, Instant now) {
    if (events.isEmpty()) {
      w.write(0, "Events:\t<none>\n");
      return;
    }
    w.flush();
    List<Map<String, Object>> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(e -> instant(Json.str(e, "lastTimestamp"))));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for (Map<String, Object> e : sorted) {
      String eventTime = Json.str(e, "eventTime");
      String first =
          eventTime != null && !eventTime.isEmpty()
              ? HumanDuration.since(eventTime, now)
              : HumanDuration.since(Json.str(e, "firstTimestamp"), now);
      Object count = e.get("count");
      String interval;
      if (Json.obj(e, "series") != null) {
        interval =
            HumanDuration.since(Json.str(e, "series", "lastObservedTime"), now)
                + " (x"
                + Json.at(e, "series", "count")
                + " over "
                + first
                + ")";
      } else if (count instanceof Number && ((Number) count).longValue() > 1) {
        interval =
            HumanDuration.since(Json.str(e, "lastTimestamp"), now)
                + " (x"
                + count
                + " over "
                + first
                + ")";
      } else {
        interval = first;
      }
      String source = Json.str(e, "source", "component");
      if (source == null || source.isEmpty()) {
        source = Json.str(e, "reportingComponent");
      }
      String message = Json.str(e, "message");
      w.write(
          1,
          nz(Json.str(e, "type"))
              + "\t"
              + nz(Json.str(e, "reason"))
              + "\t"
              + interval
              + "\t"
              + nz(source)
              + "\t"
              + (message == null ? "" : message.trim())
              + "\n");
    }
  }

  private static Instant instant(String ts) {
    try {
      return ts == null ? Instant.EPOCH : Instant.parse(ts);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
