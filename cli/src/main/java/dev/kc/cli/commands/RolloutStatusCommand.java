package dev.kc.cli.commands;

import dev.kc.cli.CliException;
import dev.kc.cli.KcCommand;
import dev.kc.cli.Session;
import dev.kc.cli.client.RestClient;
import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kc rollout status}: prints the rollout's progress on every change until it is done
 * (kubectl's status viewers). A deployment past its progress deadline is an error.
 */
@Command(name = "status", description = "Show the status of the rollout.")
final class RolloutStatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TYPE NAME | TYPE/NAME", arity = "0..*")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-w", "--watch"},
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      description = "Watch the status of the rollout until it's done.")
  boolean watch;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "The length of time to wait before ending watch, zero means never.")
  String timeout;

  @Option(
      names = "--revision",
      defaultValue = "0",
      paramLabel = "N",
      description = "Pin to a specific revision for showing its status.")
  long revision;

  /** One status evaluation: the message and whether the rollout is done. */
  record Status(String message, boolean done) {}

  @Override
  public Integer call() {
    Duration limit = DeleteCommand.parseDuration(timeout);
    Session session = KcCommand.of(spec).session();
    RestClient c = session.client();
    String ns = session.namespace();
    PrintWriter out = spec.commandLine().getOut();
    List<Targets.Target> targets = Targets.resolve(args, session.discovery(), "rollout status");
    if (targets.size() > 1) {
      throw CliException.error(
          "rollout status is only supported on individual resources and"
              + " resource collections, but 2 or more resources found");
    }
    Targets.Target t = targets.get(0);
    Patches.get(c, t, ns);
    boolean done =
        ObjectWatch.until(
            c,
            t.type(),
            ns,
            t.name(),
            limit,
            Fetch.PAGE_SIZE,
            obj -> {
              if (obj == null) {
                throw CliException.error("object has been deleted");
              }
              Status s = status(obj);
              out.print(s.message());
              out.flush();
              return s.done() || !watch;
            });
    if (!done) {
      throw CliException.error("timed out waiting for the condition");
    }
    return 0;
  }

  /** The status line for one state of the object (each ends with a newline). */
  Status status(Map<String, Object> obj) {
    String kind = String.valueOf(obj.get("kind"));
    switch (kind) {
      case "Deployment":
        return deploymentStatus(obj);
      case "DaemonSet":
        return daemonSetStatus(obj);
      case "StatefulSet":
        return statefulSetStatus(obj);
      default:
        throw CliException.error("no status viewer has been implemented for " + kind);
    }
  }

  private Status deploymentStatus(Map<String, Object> d) {
    String name = Json.str(d, "metadata", "name");
    if (revision > 0) {
      String current = Rollouts.annotation(d, Rollouts.REVISION);
      current = current == null ? "0" : current;
      if (!Long.toString(revision).equals(current)) {
        throw CliException.error(
            "desired revision ("
                + revision
                + ") is different from the"
                + " running revision ("
                + current
                + ")");
      }
    }
    if (num(d, "metadata", "generation") > num(d, "status", "observedGeneration")) {
      return new Status("Waiting for deployment spec update to be observed...\n", false);
    }
    List<Object> conditions = Json.arr(d, "status", "conditions");
    for (Object cond : conditions == null ? List.of() : conditions) {
      if ("Progressing".equals(Json.str(cond, "type"))
          && "ProgressDeadlineExceeded".equals(Json.str(cond, "reason"))) {
        throw CliException.error("deployment \"" + name + "\" exceeded its progress deadline");
      }
    }
    long specReplicas = Json.at(d, "spec", "replicas") == null ? 1 : num(d, "spec", "replicas");
    long updated = num(d, "status", "updatedReplicas");
    long replicas = num(d, "status", "replicas");
    long available = num(d, "status", "availableReplicas");
    String waiting = "Waiting for deployment \"" + name + "\" rollout to finish: ";
    if (updated < specReplicas) {
      return new Status(
          waiting + updated + " out of " + specReplicas + " new replicas have been updated...\n",
          false);
    }
    if (replicas > updated) {
      return new Status(
          waiting + (replicas - updated) + " old replicas are pending termination...\n", false);
    }
    if (available < updated) {
      return new Status(
          waiting + available + " of " + updated + " updated replicas are available...\n", false);
    }
    return new Status("deployment \"" + name + "\" successfully rolled out\n", true);
  }

  private Status daemonSetStatus(Map<String, Object> ds) {
    String name = Json.str(ds, "metadata", "name");
    String strategy = Json.str(ds, "spec", "updateStrategy", "type");
    if (strategy != null && !strategy.equals("RollingUpdate")) {
      throw CliException.error("rollout status is only available for RollingUpdate strategy type");
    }
    if (num(ds, "metadata", "generation") > num(ds, "status", "observedGeneration")) {
      return new Status("Waiting for daemon set spec update to be observed...\n", false);
    }
    long desired = num(ds, "status", "desiredNumberScheduled");
    long updated = num(ds, "status", "updatedNumberScheduled");
    long available = num(ds, "status", "numberAvailable");
    String waiting = "Waiting for daemon set \"" + name + "\" rollout to finish: ";
    if (updated < desired) {
      return new Status(
          waiting + updated + " out of " + desired + " new pods have been updated...\n", false);
    }
    if (available < desired) {
      return new Status(
          waiting + available + " of " + desired + " updated pods are available...\n", false);
    }
    return new Status("daemon set \"" + name + "\" successfully rolled out\n", true);
  }

  private Status statefulSetStatus(Map<String, Object> sts) {
    String strategy = Json.str(sts, "spec", "updateStrategy", "type");
    if (strategy != null && !strategy.equals("RollingUpdate")) {
      throw CliException.error("rollout status is only available for RollingUpdate strategy type");
    }
    long observed = num(sts, "status", "observedGeneration");
    if (observed == 0 || num(sts, "metadata", "generation") > observed) {
      return new Status("Waiting for statefulset spec update to be observed...\n", false);
    }
    long specReplicas = Json.at(sts, "spec", "replicas") == null ? 1 : num(sts, "spec", "replicas");
    long ready = num(sts, "status", "readyReplicas");
    if (ready < specReplicas) {
      return new Status("Waiting for " + (specReplicas - ready) + " pods to be ready...\n", false);
    }
    long updated = num(sts, "status", "updatedReplicas");
    Object rolling = Json.at(sts, "spec", "updateStrategy", "rollingUpdate");
    if (rolling instanceof Map) {
      long partition = num(sts, "spec", "updateStrategy", "rollingUpdate", "partition");
      if (updated < specReplicas - partition) {
        return new Status(
            "Waiting for partitioned roll out to finish: "
                + updated
                + " out of "
                + (specReplicas - partition)
                + " new pods have been updated...\n",
            false);
      }
      return new Status(
          "partitioned roll out complete: " + updated + " new pods have been updated...\n", true);
    }
    String updateRev = Json.str(sts, "status", "updateRevision");
    String currentRev = Json.str(sts, "status", "currentRevision");
    if (updateRev != null && !updateRev.equals(currentRev)) {
      return new Status(
          "waiting for statefulset rolling update to complete "
              + updated
              + " pods at revision "
              + updateRev
              + "...\n",
          false);
    }
    return new Status(
        "statefulset rolling update complete "
            + num(sts, "status", "currentReplicas")
            + " pods at revision "
            + currentRev
            + "...\n",
        true);
  }

  private static long num(Object obj, String... path) {
    Object v = Json.at(obj, path);
    return v instanceof Number ? ((Number) v).longValue() : 0;
  }
}
