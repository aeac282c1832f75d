package dev.kc.controlplane.kubelet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A process in simulated time: sleeping, resuming, signals and the step budget. */
class SimProcessTest {
  private final Sim sim = new Sim();

  private static SimProcess.Step.Sleep sleeping(SimProcess.Step s) {
    return assertInstanceOf(SimProcess.Step.Sleep.class, s);
  }

  private static SimProcess.Step.Exit exit(SimProcess.Step s) {
    return assertInstanceOf(SimProcess.Step.Exit.class, s);
  }

  private Instant at(int seconds) {
    return Sim.T0.plusSeconds(seconds);
  }

  @Test
  void execLivenessCommandCreatesThenRemovesTheFileOnTheSimulatedClock() {
    // The exec-liveness example from the Kubernetes docs, driven by a fake time loop.
    SimProcess p =
        sim.start("/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");

    assertEquals(new SimProcess.Step.Sleep(at(30)), p.run(at(0)));
    sim.now = at(0);

    sim.advanceTo(p, at(10));
    assertTrue(sim.fs.exists("/tmp/healthy"), "file exists at t=10s");
    assertEquals(0, sim.exec("cat", "/tmp/healthy").code());

    sim.advanceTo(p, at(31));
    assertFalse(sim.fs.exists("/tmp/healthy"), "file is gone at t=31s");
    assertEquals(1, sim.exec("cat", "/tmp/healthy").code());

    assertEquals(new SimProcess.Step.Sleep(at(630)), sim.advanceTo(p, at(600)));
    assertFalse(p.exited(), "still running at t=600s");

    assertEquals(new SimProcess.Step.Exit(0), sim.advanceTo(p, at(631)));
    assertEquals(0, p.exitCode());
  }

  @Test
  void runningBeforeTheWakeUpTimeAnswersTheSameSleepWithoutDoingAnything() {
    SimProcess p = sim.start("sh", "-c", "sleep 30; echo done");

    SimProcess.Step first = p.run(at(0));
    SimProcess.Step early = p.run(at(29));

    assertEquals(new SimProcess.Step.Sleep(at(30)), first);
    assertEquals(first, early);
    assertEquals("", Sim.text(sim.out));
    assertEquals(new SimProcess.Step.Exit(0), p.run(at(30)));
    assertEquals("done\n", Sim.text(sim.out));
  }

  @Test
  void loopAppendsOneLinePerFiveSecondsAndSigtermEndsItWith143() {
    SimProcess p = sim.start("sh", "-c", "while true; do echo hi >> /tmp/log; sleep 5; done");

    sim.now = at(0);
    sim.advanceTo(p, at(22));

    assertEquals(5, Sim.lines(sim.fs.readString("/tmp/log")).size(), "writes at 0,5,10,15,20");
    p.signal(15);
    assertFalse(p.exited(), "SIGTERM acts at the next step");
    assertEquals(new SimProcess.Step.Exit(143), p.run(at(22)));
    assertTrue(p.exited());
    assertEquals(143, p.exitCode());
  }

  @Test
  void teeInAPipelineWritesWhileTheProducerRuns() {
    SimProcess p = sim.start("sh", "-c", "while true; do date +%s; sleep 1; done | tee /tmp/t");

    sim.now = at(0);
    sim.advanceTo(p, at(2));

    assertEquals(3, Sim.lines(sim.fs.readString("/tmp/t")).size(), "lines at 0, 1 and 2 s");
    assertEquals(sim.fs.readString("/tmp/t"), Sim.text(sim.out));
  }

  @Test
  void sigkillEndsTheProcessAtOnceWith137() {
    SimProcess p = sim.start("sh", "-c", "trap '' TERM; sleep infinity");
    p.run(at(0));

    p.signal(9);

    assertTrue(p.exited());
    assertEquals(137, p.exitCode());
    assertEquals(new SimProcess.Step.Exit(137), p.run(at(1)));
  }

  @Test
  void sleepInfinityWaitsForever() {
    SimProcess p = sim.start("sleep", "infinity");

    assertEquals(new SimProcess.Step.Sleep(SimProcess.NEVER), p.run(at(0)));
  }

  @Test
  void busyLoopWithoutSleepYieldsInsteadOfHanging() {
    SimProcess p = sim.start("sh", "-c", "i=0; while true; do i=$((i+1)); done");

    SimProcess.Step s = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> p.run(at(0)));

    assertEquals(new SimProcess.Step.Sleep(at(0)), s, "yields with Sleep(now): call again");
    p.signal(15);
    assertEquals(new SimProcess.Step.Exit(143), p.run(at(0)));
  }

  @Test
  void busyBackgroundJobDoesNotStarveTheForegroundScript() {
    SimProcess p = sim.start("sh", "-c", "while :; do :; done & sleep 1; echo fg done; kill $!");

    // A driver on a virtual clock lets time pass when a process keeps answering Sleep(now).
    for (int i = 0; i < 50 && !p.exited(); i++) {
      SimProcess.Step s = p.run(sim.now);
      if (s instanceof SimProcess.Step.Sleep sl) {
        sim.now = sl.until().isAfter(sim.now) ? sl.until() : sim.now.plusMillis(200);
      }
    }

    assertTrue(p.exited());
    assertEquals("fg done\n", Sim.text(sim.out));
  }

  @Test
  void trappedSigtermRunsTheHandlerAfterTheForegroundSleep() {
    SimProcess p =
        sim.start("sh", "-c", "trap 'echo bye; exit 0' TERM; while true; do sleep 10; done");
    p.run(at(0));

    p.signal(15);

    assertEquals(new SimProcess.Step.Sleep(at(10)), p.run(at(3)), "a real shell waits for sleep");
    assertEquals(new SimProcess.Step.Exit(0), p.run(at(10)));
    assertEquals("bye\n", Sim.text(sim.out));
  }

  @Test
  void trappedSigtermInterruptsWaitAtOnce() {
    SimProcess p =
        sim.start("sh", "-c", "trap 'echo bye; exit 0' TERM; sleep 600 & wait $!; echo unreached");
    p.run(at(0));

    p.signal(15);

    assertEquals(new SimProcess.Step.Exit(0), p.run(at(1)));
    assertEquals("bye\n", Sim.text(sim.out));
  }

  @Test
  void exitTrapRunsWhenTheScriptEnds() {
    Sim.Result r = sim.sh("trap 'echo cleanup $?' EXIT; echo work; exit 3");

    assertEquals(new Sim.Result(3, "work\ncleanup 3\n", ""), r);
  }

  @Test
  void commandWithoutShellRunsTheProgramDirectly() {
    sim.fs.putString("/tmp/app/healthy", "ok\n");

    assertEquals(new Sim.Result(0, "ok\n", ""), sim.exec("cat", "/tmp/app/healthy"));
  }

  @Test
  void unknownProgramWithoutShellExits127WithTheRuntimeMessage() {
    Sim.Result r = sim.exec("mysqladmin", "ping");

    assertEquals(127, r.code());
    assertEquals("exec: \"mysqladmin\": executable file not found in $PATH\n", r.err());
    assertFalse(SimProcess.isExecutable("mysqladmin", sim.context()));
    assertTrue(SimProcess.isExecutable("/bin/sh", sim.context()));
    assertTrue(SimProcess.isExecutable("cat", sim.context()));
  }

  @Test
  void kubeletProgramsAreFoundAndMaySleep() {
    AtomicInteger calls = new AtomicInteger();
    Program mysqladmin =
        inv -> {
          calls.incrementAndGet();
          Instant ready = inv.now().plusSeconds(2);
          return now -> {
            if (now.isBefore(ready)) {
              return new SimProcess.Step.Sleep(ready);
            }
            inv.out("mysqld is alive\n");
            return new SimProcess.Step.Exit(0);
          };
        };
    sim.programs = Programs.of(Map.of("mysqladmin", mysqladmin));

    Sim.Result r = sim.sh("mysqladmin ping && /usr/bin/mysqladmin ping");

    assertEquals(new Sim.Result(0, "mysqld is alive\nmysqld is alive\n", ""), r);
    assertEquals(2, calls.get());
    assertTrue(SimProcess.isExecutable("mysqladmin", sim.context()));
  }

  @Test
  void kubeletProgramsOverrideBuiltInUtilities() {
    sim.programs =
        Programs.of(
            Map.of(
                "cat",
                Program.of(
                    inv -> {
                      inv.out("image cat\n");
                      return 0;
                    })));

    assertEquals("image cat\n", sim.sh("cat /etc/hosts").out());
  }

  @Test
  void killOfAnotherProcessGoesThroughTheKubelet() {
    List<String> kills = new ArrayList<>();
    sim.programs =
        new Programs() {
          @Override
          public Optional<Program> find(String name) {
            return Optional.empty();
          }

          @Override
          public boolean kill(int pid, int signal) {
            kills.add(pid + ":" + signal);
            return pid == 1;
          }
        };
    SimProcess preStop =
        SimProcess.start(
            List.of("sh", "-c", "kill -QUIT 1 && kill 77"),
            sim.context(),
            new SimProcess.Options(42, "/", null));

    Sim.Result r = sim.runToEnd(preStop);

    assertEquals(List.of("1:3", "77:15"), kills);
    assertEquals(1, r.code());
    assertEquals("sh: 1: kill: No such process\n", r.err());
  }

  @Test
  void optionsSetPidWorkingDirectoryAndStandardInput() {
    sim.fs.mkdirs("/app");
    SimProcess p =
        SimProcess.start(
            List.of("sh", "-c", "echo $$ $(pwd); cat; cat"),
            sim.context(),
            new SimProcess.Options(7, "/app", "piped\n".getBytes(StandardCharsets.UTF_8)));

    Sim.Result r = sim.runToEnd(p);

    assertEquals("7 /app\npiped\n", r.out());
  }

  @Test
  void scriptFileIsRunByTheShellItsShebangNames() {
    sim.fs.putString("/scripts/run.sh", "#!/bin/bash\necho \"args: $*\"\nnosuch\n");

    Sim.Result r = sim.exec("/scripts/run.sh", "a", "b");

    assertEquals("args: a b\n", r.out());
    assertEquals("/scripts/run.sh: line 3: nosuch: command not found\n", r.err());
    assertEquals(127, r.code());
  }

  @Test
  void dateInsideTheProcessIsTheSimulatedTime() {
    sim.now = Instant.parse("2030-01-02T03:04:05Z");

    assertEquals("Wed Jan  2 03:04:05 UTC 2030\n", sim.sh("date").out());
    assertEquals("2030-01-02T03:04:35+00:00\n", sim.sh("sleep 30; date -Iseconds").out());
  }

  @Test
  void runAfterExitKeepsAnsweringExit() {
    SimProcess p = sim.start("sh", "-c", "exit 4");

    assertEquals(new SimProcess.Step.Exit(4), p.run(at(0)));
    assertEquals(new SimProcess.Step.Exit(4), p.run(at(100)));
    assertThrows(IllegalStateException.class, () -> sim.start("true").exitCode());
  }

  @Test
  void processesOfOneContainerShareTheFileSystem() {
    SimProcess writer = sim.start("sh", "-c", "sleep 5; echo ready > /tmp/ready; sleep 100");
    writer.run(at(0));

    assertEquals(1, sim.exec("test", "-f", "/tmp/ready").code());
    writer.run(at(5));
    assertEquals(0, sim.exec("test", "-f", "/tmp/ready").code());
    sleeping(writer.run(at(6)));
  }

  @Test
  void sleepSumsItsArgumentsAndUnderstandsSuffixes() {
    SimProcess p = sim.start("sleep", "1m", "30", "0.5s");

    assertEquals(new SimProcess.Step.Sleep(at(90).plusMillis(500)), p.run(at(0)));
    assertEquals(0, exit(p.run(at(91))).code());
  }
}
