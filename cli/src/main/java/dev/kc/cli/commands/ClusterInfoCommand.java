package dev.kc.cli.commands;

import dev.kc.cli.ExitCodes;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.Query;
import dev.kc.cli.client.ResourceType;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kc cluster-info}: the control plane URL plus cluster services labelled {@code
 * kubernetes.io/cluster-service=true} (in {@code kube-system} unless {@code -n} says otherwise).
 * Names and URLs are coloured only when stdout is a terminal.
 */
@Command(name = "cluster-info", description = ClusterInfoCommand.DESCRIPTION)
public final class ClusterInfoCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Display cluster information.";

  private static final String GREEN = "\u001b[0;32m";
  private static final String YELLOW = "\u001b[0;33m";
  private static final String RESET = "\u001b[0m";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    KcCommand root = KcCommand.of(spec);
    Session session = root.session();
    boolean colour = root.env().terminal();
    try {
      RestClient client = session.client();
      String ns = session.namespaceExplicit() ? session.namespace() : "kube-system";
      ResourceType services = session.discovery().resolve("services");
      Object list =
          client.getJson(
              services.collectionPath(ns)
                  + new Query().add("labelSelector", "kubernetes.io/cluster-service=true").encode(),
              RestClient.JSON,
              "get services");
      String host = stripSlash(client.config().server());
      printService(out, colour, "Kubernetes control plane", host);
      List<Object> items = Json.arr(list, "items");
      if (items != null) {
        for (Object svc : items) {
          printService(out, colour, serviceName(svc), serviceLink(svc, host));
        }
      }
    } finally {
      out.print("\nTo further debug and diagnose cluster problems, use 'kc cluster-info dump'.\n");
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static void printService(PrintWriter out, boolean colour, String name, String link) {
    if (colour) {
      out.print(GREEN + name + RESET + " is running at " + YELLOW + link + RESET + "\n");
    } else {
      out.print(name + " is running at " + link + "\n");
    }
  }

  private static String serviceName(Object svc) {
    String label = Json.str(svc, "metadata", "labels", "kubernetes.io/name");
    return label != null && !label.isEmpty() ? label : Json.str(svc, "metadata", "name");
  }

  /** The proxy URL kubectl prints, or the load balancer's address when it has one. */
  static String serviceLink(Object svc, String host) {
    List<Object> ingress = Json.arr(svc, "status", "loadBalancer", "ingress");
    List<Object> ports = Json.arr(svc, "spec", "ports");
    if (ingress != null && !ingress.isEmpty()) {
      String ip = Json.str(ingress.get(0), "ip");
      if (ip == null || ip.isEmpty()) {
        ip = Json.str(ingress.get(0), "hostname");
      }
      StringBuilder link = new StringBuilder();
      for (Object p : ports == null ? List.of() : ports) {
        link.append("http://").append(ip).append(':').append(Json.at(p, "port")).append(' ');
      }
      return link.toString();
    }
    String name = Json.str(svc, "metadata", "name");
    if (ports != null && !ports.isEmpty()) {
      Map<String, Object> port = Json.obj(ports.get(0));
      String portName = Json.str(port, "name");
      Object number = port == null ? null : port.get("port");
      boolean https =
          "https".equals(portName)
              || (number instanceof Number && ((Number) number).intValue() == 443);
      String p = portName == null ? "" : portName;
      if (https) {
        name = "https:" + name + ":" + p;
      } else if (!p.isEmpty()) {
        name = name + ":" + p;
      }
    }
    return host
        + "/api/v1/namespaces/"
        + Json.str(svc, "metadata", "namespace")
        + "/services/"
        + name
        + "/proxy";
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
