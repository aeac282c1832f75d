package dev.kc.controlplane.kubelet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pods from the seed and the Kubernetes docs, driven the way the kubelet will drive them:
 * containers with their own file systems sharing volumes, hooks and probes as processes.
 */
class PodScenarioTest {
  /** The seed Pod: postStart and preStop hooks, an emptyDir at /tmp/app, an exec probe. */
  @Test
  void seedPodHooksAndLivenessProbe() {
    Volume appVolume = new Volume();
    Sim app = new Sim();
    app.fs.mount("/tmp/app", appVolume, false);
    Sim second = new Sim();
    second.fs.mount("/data", appVolume, false);

    Sim.Result postStart = app.exec("/bin/sh", "-c", "echo Hello Test Start> /tmp/mylog");

    assertEquals(new Sim.Result(0, "", ""), postStart);
    assertEquals("Hello Test Start\n", app.fs.readString("/tmp/mylog"));

    // livenessProbe: exec [cat, /tmp/app/healthy]
    Sim.Result before = app.exec("cat", "/tmp/app/healthy");
    assertEquals(1, before.code());
    assertEquals("cat: /tmp/app/healthy: No such file or directory\n", before.err());
    app.exec("touch", "/tmp/app/healthy");
    assertEquals(new Sim.Result(0, "", ""), app.exec("cat", "/tmp/app/healthy"));

    Sim.Result preStop = app.exec("/bin/sh", "-c", "echo Hello Test End> /tmp/app/mylog");

    assertEquals(0, preStop.code());
    assertEquals("Hello Test End\n", second.fs.readString("/data/mylog"));
    assertFalse(second.fs.exists("/tmp/mylog"), "postStart wrote to the first container only");
  }

  /** lifecycle-events.yaml: postStart writes into the image's file system. */
  @Test
  void postStartHookWritesAMessageTheMainContainerCanServe() {
    Sim nginx = new Sim();
    nginx.fs.mkdirs("/usr/share");
    SimProcess main = nginx.start("sleep", "infinity");
    main.run(nginx.now);

    Sim.Result hook =
        nginx.exec("/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message");

    assertEquals(0, hook.code());
    assertEquals("Hello from the postStart handler\n", nginx.fs.readString("/usr/share/message"));
    assertFalse(main.exited());
  }

  /** mysql-statefulset.yaml: the init-mysql container's bash script on pod mysql-1. */
  @Test
  void mysqlInitContainerWritesServerIdAndCopiesTheSecondaryConfig() {
    Volume conf = new Volume();
    Volume configMap = new Volume();
    InMemoryFs.of(configMap).putString("/primary.cnf", "[mysqld]\nlog-bin\n");
    InMemoryFs.of(configMap).putString("/secondary.cnf", "[mysqld]\nsuper-read-only\n");
    Sim init = new Sim();
    init.hostname = "mysql-1";
    init.fs.mount("/mnt/conf.d", conf, false);
    init.fs.mount("/mnt/config-map", configMap, true);
    String script =
        String.join(
            "\n",
            "set -ex",
            "# Generate mysql server-id from pod ordinal index.",
            "[[ `hostname` =~ -([0-9]+)$ ]] || exit 1",
            "ordinal=${BASH_REMATCH[1]}",
            "echo [mysqld] > /mnt/conf.d/server-id.cnf",
            "# Add an offset to avoid reserved server-id=0 value.",
            "echo server-id=$((100 + $ordinal)) >> /mnt/conf.d/server-id.cnf",
            "# Copy appropriate conf.d files from config-map to emptyDir.",
            "if [[ $ordinal -eq 0 ]]; then",
            "  cp /mnt/config-map/primary.cnf /mnt/conf.d/",
            "else",
            "  cp /mnt/config-map/secondary.cnf /mnt/conf.d/",
            "fi",
            "");

    Sim.Result r = init.exec("bash", "-c", script);

    assertEquals(0, r.code(), r.err());
    InMemoryFs confDir = InMemoryFs.of(conf);
    assertEquals("[mysqld]\nserver-id=101\n", confDir.readString("/server-id.cnf"));
    assertEquals(List.of("secondary.cnf", "server-id.cnf"), confDir.list("/"));
    assertTrue(r.err().contains("+ ordinal=1\n"), "set -x traces: " + r.err());
  }

  /** The xtrabackup sidecar script's first branch, which edits files with sed and mv. */
  @Test
  void xtrabackupSidecarPreparesTheChangeMasterStatement() {
    Volume data = new Volume();
    Sim sidecar = new Sim();
    sidecar.fs.mount("/var/lib/mysql", data, "mysql", false);
    sidecar.fs.putString("/var/lib/mysql/xtrabackup_slave_info", "CHANGE MASTER TO x=1;\n");
    String script =
        String.join(
            "\n",
            "set -ex",
            "cd /var/lib/mysql",
            "if [[ -f xtrabackup_slave_info && \"x$(<xtrabackup_slave_info)\" != \"x\" ]]; then",
            "  cat xtrabackup_slave_info | sed -E 's/;$//g' > change_master_to.sql.in",
            "  rm -f xtrabackup_slave_info xtrabackup_binlog_info",
            "fi",
            "if [[ -f change_master_to.sql.in ]]; then",
            "  echo \"Initializing replication from clone position\"",
            "  mv change_master_to.sql.in change_master_to.sql.orig",
            "fi");

    Sim.Result r = sidecar.exec("bash", "-c", script);

    assertEquals(0, r.code(), r.err());
    assertEquals("Initializing replication from clone position\n", r.out());
    InMemoryFs mysql = InMemoryFs.of(data);
    assertEquals(List.of("change_master_to.sql.orig"), mysql.list("/mysql"));
    assertEquals("CHANGE MASTER TO x=1\n", mysql.readString("/mysql/change_master_to.sql.orig"));
  }

  /** A logging sidecar tails the main container's log through a shared emptyDir. */
  @Test
  void sidecarStreamsWhatTheMainContainerLogs() {
    Volume logs = new Volume();
    Sim main = new Sim();
    main.fs.mount("/var/log", logs, false);
    Sim sidecar = new Sim();
    sidecar.fs.mount("/var/log", logs, false);
    SimProcess writer =
        main.start(
            "sh",
            "-c",
            "i=0; while true; do echo \"$i: tick\" >> /var/log/1.log; "
                + "i=$((i+1)); sleep 1; done");
    SimProcess tail = sidecar.start("sh", "-c", "tail -n+1 -F /var/log/1.log");
    Instant t0 = Sim.T0;

    for (int s = 0; s <= 3; s++) {
      writer.run(t0.plusSeconds(s));
      tail.run(t0.plusSeconds(s));
    }

    assertEquals("0: tick\n1: tick\n2: tick\n3: tick\n", Sim.text(sidecar.out));
    writer.signal(15);
    tail.signal(15);
    assertEquals(new SimProcess.Step.Exit(143), writer.run(t0.plusSeconds(4)));
    assertEquals(new SimProcess.Step.Exit(143), tail.run(t0.plusSeconds(4)));
  }

  /** kc exec POD -- CMD: a second process in a running container. */
  @Test
  void execSeesTheFilesAndEnvironmentOfTheContainer() {
    Sim pod = new Sim();
    pod.env.put("MYSQL_ALLOW_EMPTY_PASSWORD", "1");
    SimProcess main = pod.start("sh", "-c", "echo started > /tmp/state; sleep 3600");
    main.run(pod.now);

    Sim.Result exec = pod.exec("sh", "-c", "cat /tmp/state; echo $MYSQL_ALLOW_EMPTY_PASSWORD");

    assertEquals(new Sim.Result(0, "started\n1\n", ""), exec);
  }
}
