package dev.kc.cli.commands;

import dev.kc.cli.KcCommand;
import dev.kc.cli.json.Json;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kc rollout}: manage the rollout of deployments (and, for restart and status, daemon sets
 * and stateful sets). The small patch verbs are nested here; status, history and undo have their
 * own files.
 */
@Command(
    name = "rollout",
    description = RolloutCommand.DESCRIPTION,
    subcommands = {
      RolloutCommand.Pause.class,
      RolloutCommand.Resume.class,
      RolloutCommand.Restart.class,
      RolloutStatusCommand.class,
      RolloutHistoryCommand.class,
      RolloutUndoCommand.class
    })
public final class RolloutCommand implements Callable<Integer> {

  /** One-line summary, shown in {@code kc --help}. */
  public static final String DESCRIPTION = "Manage the rollout of a resource.";

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code rollout pause}: sends {@code {"spec":{"paused":true}}}. */
  @Command(name = "pause", description = "Mark the provided resource as paused.")
  static final class Pause extends RolloutPatchSubcommand {
    @Override
    String change(Map<String, Object> obj) {
      if (!"Deployment".equals(obj.get("kind"))) {
        return "pausing is not supported";
      }
      if (isPaused(obj)) {
        return "is already paused";
      }
      Json.child(obj, "spec").put("paused", true);
      return null;
    }

    @Override
    String result() {
      return "paused";
    }
  }

  /** {@code rollout resume}: sends {@code {"spec":{"paused":null}}}. */
  @Command(name = "resume", description = "Resume a paused resource.")
  static final class Resume extends RolloutPatchSubcommand {
    @Override
    String change(Map<String, Object> obj) {
      if (!"Deployment".equals(obj.get("kind"))) {
        return "resuming is not supported";
      }
      if (!isPaused(obj)) {
        return "is not paused";
      }
      Json.child(obj, "spec").remove("paused");
      return null;
    }

    @Override
    String result() {
      return "resumed";
    }
  }

  /** {@code rollout restart}: stamps {@code kubectl.kubernetes.io/restartedAt} on the template. */
  @Command(name = "restart", description = "Restart a resource.")
  static final class Restart extends RolloutPatchSubcommand {
    @Override
    String change(Map<String, Object> obj) {
      Object kind = obj.get("kind");
      if (!"Deployment".equals(kind) && !"DaemonSet".equals(kind) && !"StatefulSet".equals(kind)) {
        return "restarting is not supported";
      }
      if (isPaused(obj)) {
        return "can't restart paused deployment (run rollout resume first)";
      }
      // Go's time.Now().Format(time.RFC3339): local time, seconds, Z or the offset.
      OffsetDateTime now =
          OffsetDateTime.now(KcCommand.of(spec).env().clock().withZone(ZoneId.systemDefault()))
              .truncatedTo(ChronoUnit.SECONDS);
      Map<String, Object> template = Json.child(Json.child(obj, "spec"), "template");
      Json.child(Json.child(template, "metadata"), "annotations")
          .put(
              "kubectl.kubernetes.io/restartedAt",
              now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      return null;
    }

    @Override
    String result() {
      return "restarted";
    }
  }
}
