package dev.kc.cli.client;

import java.util.Map;
import java.util.TreeMap;

/**
 * A URL query string builder that sorts parameters by name, as Go's {@code url.Values.Encode} does
 * (so kc's requests look exactly like kubectl's in server logs). Null or empty values are left out.
 */
public final class Query {

  private final Map<String, String> params = new TreeMap<>();

  /** Adds a parameter unless {@code value} is null or empty. Returns this. */
  public Query add(String name, String value) {
    if (value != null && !value.isEmpty()) {
      params.put(name, value);
    }
    return this;
  }

  /** {@code ?a=1&b=2}, or the empty string when there are no parameters. */
  public String encode() {
    if (params.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sb.length() == 0 ? '?' : '&');
      sb.append(ResourceType.encode(e.getKey()))
          .append('=')
          .append(ResourceType.encode(e.getValue()));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return encode();
  }
}
