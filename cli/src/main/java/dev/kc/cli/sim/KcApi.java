package dev.kc.cli.sim;

import dev.kc.cli.KcCommand;
import dev.kc.cli.client.RestClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/** Calls to the kc daemon's own {@code /kc/v1} API (simulation, images, nodes, exec). */
final class KcApi {
  private KcApi() {}

  static RestClient client(CommandSpec spec) {
    return KcCommand.of(spec).session().client();
  }

  static String namespace(CommandSpec spec) {
    return KcCommand.of(spec).session().namespace();
  }

  static Object get(CommandSpec spec, String path) {
    return client(spec).getJson(path, RestClient.JSON, "get " + path);
  }

  static Object post(CommandSpec spec, String path, Object body) {
    return client(spec).sendJson("POST", path, RestClient.JSON, body, "post " + path);
  }

  static Object delete(CommandSpec spec, String path) {
    return client(spec).sendJson("DELETE", path, RestClient.JSON, null, "delete " + path);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
