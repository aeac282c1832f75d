package dev.kc.controlplane.kubelet.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kc.controlplane.kubelet.sim.FsException.Errno;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The in-memory file system, its mounts and volume serialization. */
class InMemoryFsTest {
  /** An operation that must fail with {@code errno}. */
  record Failure(String name, Consumer<InMemoryFs> op, Errno errno) {
    @Override
    public String toString() {
      return name;
    }
  }

  static InMemoryFs fsWithReadOnlyMount() {
    InMemoryFs fs = new InMemoryFs();
    Volume config = new Volume();
    InMemoryFs.of(config).putString("app.conf", "x=1\n");
    fs.mount("/etc/config", config, true);
    fs.putString("/tmp/file", "data");
    fs.mkdirs("/tmp/dir/sub");
    return fs;
  }

  static Stream<Failure> failures() {
    return Stream.of(
        new Failure("read a missing file", fs -> fs.read("/tmp/nope"), Errno.ENOENT),
        new Failure("read a directory", fs -> fs.read("/tmp"), Errno.EISDIR),
        new Failure("read through a file", fs -> fs.read("/tmp/file/x"), Errno.ENOTDIR),
        new Failure("write without a parent", fs -> fs.writeString("/no/f", "x"), Errno.ENOENT),
        new Failure("write over a directory", fs -> fs.writeString("/tmp", "x"), Errno.EISDIR),
        new Failure("mkdir that exists", fs -> fs.mkdir("/tmp/dir"), Errno.EEXIST),
        new Failure("mkdir without parent", fs -> fs.mkdir("/a/b"), Errno.ENOENT),
        new Failure("mkdirs over a file", fs -> fs.mkdirs("/tmp/file"), Errno.EEXIST),
        new Failure("mkdirs through a file", fs -> fs.mkdirs("/tmp/file/x"), Errno.ENOTDIR),
        new Failure("delete a non-empty directory", fs -> fs.delete("/tmp/dir"), Errno.ENOTEMPTY),
        new Failure("delete a missing file", fs -> fs.delete("/tmp/nope"), Errno.ENOENT),
        new Failure("delete the root", fs -> fs.delete("/"), Errno.EBUSY),
        new Failure("delete a mount point", fs -> fs.delete("/etc/config"), Errno.EBUSY),
        new Failure("list a file", fs -> fs.list("/tmp/file"), Errno.ENOTDIR),
        new Failure(
            "write in a read-only mount",
            fs -> fs.writeString("/etc/config/app.conf", "y"),
            Errno.EROFS),
        new Failure(
            "create in a read-only mount",
            fs -> fs.writeString("/etc/config/new", "y"),
            Errno.EROFS),
        new Failure(
            "delete in a read-only mount", fs -> fs.delete("/etc/config/app.conf"), Errno.EROFS),
        new Failure(
            "rename across volumes",
            fs -> {
              fs.mount("/data", new Volume(), false);
              fs.rename("/tmp/file", "/data/file");
            },
            Errno.EXDEV),
        new Failure(
            "rename a directory into itself",
            fs -> fs.rename("/tmp/dir", "/tmp/dir/sub/x"),
            Errno.EINVAL),
        new Failure(
            "rename a file over a directory",
            fs -> fs.rename("/tmp/file", "/tmp/dir"),
            Errno.EISDIR),
        new Failure("empty path", fs -> fs.read(""), Errno.ENOENT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsWithTheErrnoOfLinux(Failure f) {
    InMemoryFs fs = fsWithReadOnlyMount();

    FsException e = assertThrows(FsException.class, () -> f.op.accept(fs));

    assertEquals(f.errno, e.errno());
  }

  @Test
  void freshFileSystemHasStandardDirectoriesAndDevNull() {
    InMemoryFs fs = new InMemoryFs();

    for (String dir : InMemoryFs.STANDARD_DIRECTORIES) {
      assertTrue(fs.isDirectory(dir), dir);
    }
    assertTrue(fs.isDevice("/dev/null"));
    fs.writeString("/dev/null", "gone");
    assertEquals(0, fs.read("/dev/null").length);
  }

  @Test
  void pathsAreNormalizedLexically() {
    assertEquals("/a/c", InMemoryFs.normalize("/a/./b/../c/"));
    assertEquals("/", InMemoryFs.normalize("/../.."));
    assertEquals("/tmp/x", InMemoryFs.resolve("/tmp", "x"));
    assertEquals("/x", InMemoryFs.resolve("/tmp", "../x"));
    assertEquals("/etc", InMemoryFs.resolve("/tmp", "/etc"));
  }

  @Test
  void writeAppendReadAndList() {
    InMemoryFs fs = new InMemoryFs();

    fs.writeString("/tmp/a", "one\n");
    fs.append("/tmp/a", "two\n".getBytes(StandardCharsets.UTF_8));
    fs.append("/tmp/b", "new\n".getBytes(StandardCharsets.UTF_8));
    fs.touch("/tmp/c");
    fs.touch("/tmp/a");

    assertEquals("one\ntwo\n", fs.readString("/tmp/a"));
    assertEquals("new\n", fs.readString("/tmp/b"));
    assertEquals(8, fs.size("/tmp/a"));
    assertEquals(List.of("a", "b", "c"), fs.list("/tmp"));
  }

  @Test
  void putCreatesParentsForPrePopulatedContent() {
    InMemoryFs fs = new InMemoryFs();

    fs.putString("/usr/share/nginx/html/index.html", "<h1>hi</h1>");

    assertTrue(fs.isDirectory("/usr/share/nginx/html"));
    assertEquals("<h1>hi</h1>", fs.readString("/usr/share/nginx/html/index.html"));
  }

  @Test
  void twoContainersMountingOneVolumeSeeEachOthersFiles() {
    Volume emptyDir = new Volume();
    InMemoryFs app = new InMemoryFs();
    InMemoryFs sidecar = new InMemoryFs();
    app.mount("/tmp/app", emptyDir, false);
    sidecar.mount("/data", emptyDir, false);

    app.writeString("/tmp/app/mylog", "Hello Test End\n");
    sidecar.mkdir("/data/sub");

    assertEquals("Hello Test End\n", sidecar.readString("/data/mylog"));
    assertTrue(app.isDirectory("/tmp/app/sub"));
    assertFalse(app.exists("/data/mylog"), "the mount point is per file system");
  }

  @Test
  void subPathMountsShowOnlyThatDirectory() {
    Volume data = new Volume();
    InMemoryFs a = new InMemoryFs();
    InMemoryFs b = new InMemoryFs();
    a.mount("/var/lib/mysql", data, "mysql", false);
    b.mount("/backup", data, false);

    a.writeString("/var/lib/mysql/ibdata1", "db");

    assertEquals("db", b.readString("/backup/mysql/ibdata1"));
    assertEquals(List.of("mysql"), b.list("/backup"));
  }

  @Test
  void readOnlyMountsAllowReadsAndExistingDirectories() {
    InMemoryFs fs = fsWithReadOnlyMount();

    assertEquals("x=1\n", fs.readString("/etc/config/app.conf"));
    assertTrue(fs.isReadOnly("/etc/config/app.conf"));
    assertFalse(fs.isReadOnly("/etc/hosts"));
    fs.mkdirs("/etc/config");
  }

  @Test
  void deleteRecursivelyEmptiesMountedVolumesButKeepsTheirMountPoints() {
    InMemoryFs fs = new InMemoryFs();
    Volume v = new Volume();
    fs.mount("/tmp/app", v, false);
    fs.putString("/tmp/app/x/y", "1");
    fs.putString("/tmp/other", "2");

    assertThrows(FsException.class, () -> fs.deleteRecursively("/tmp"));

    assertEquals(List.of(), InMemoryFs.of(v).list("/"));
    assertTrue(fs.isDirectory("/tmp/app"));
  }

  @Test
  void renameMovesTreesAndReplacesFiles() {
    InMemoryFs fs = new InMemoryFs();
    fs.putString("/a/b/c", "1");
    fs.putString("/x", "old");
    fs.putString("/y", "new");

    fs.rename("/a", "/z");
    fs.rename("/y", "/x");

    assertEquals("1", fs.readString("/z/b/c"));
    assertFalse(fs.exists("/a"));
    assertEquals("new", fs.readString("/x"));
    assertFalse(fs.exists("/y"));
  }

  @Test
  void unmountKeepsTheVolumeContent() {
    InMemoryFs fs = new InMemoryFs();
    Volume v = new Volume();
    fs.mount("/mnt", v, false);
    fs.writeString("/mnt/f", "kept");

    assertTrue(fs.unmount("/mnt"));

    assertFalse(fs.exists("/mnt/f"));
    assertEquals("kept", InMemoryFs.of(v).readString("/f"));
    assertFalse(fs.unmount("/mnt"));
  }

  @Test
  void volumeRoundTripKeepsFilesAndDirectories() {
    Volume v = new Volume();
    InMemoryFs view = InMemoryFs.of(v);
    view.putString("/conf/app.yaml", "a: 1\n");
    view.put("/bin/blob", new byte[] {0, 1, 2, (byte) 255});
    view.mkdirs("/empty/nested");
    view.writeString("/zero", "");

    Volume copy = Volume.deserialize(v.serialize());

    InMemoryFs c = InMemoryFs.of(copy);
    assertEquals("a: 1\n", c.readString("/conf/app.yaml"));
    assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, c.read("/bin/blob"));
    assertTrue(c.isDirectory("/empty/nested"));
    assertTrue(c.isFile("/zero"));
    assertEquals(List.of("bin", "conf", "empty", "zero"), c.list("/"));
    assertArrayEquals(v.serialize(), copy.serialize(), "the encoding is deterministic");
  }

  @Test
  void volumeCopyIsIndependent() {
    Volume v = new Volume();
    InMemoryFs.of(v).putString("/f", "1");

    Volume copy = v.copy();
    InMemoryFs.of(v).putString("/f", "2");

    assertEquals("1", InMemoryFs.of(copy).readString("/f"));
  }

  @Test
  void deserializeRejectsGarbage() {
    assertThrows(IllegalArgumentException.class, () -> Volume.deserialize(new byte[] {1, 2, 3}));
    byte[] good = new Volume().serialize();
    byte[] truncated = new byte[good.length - 1];
    System.arraycopy(good, 0, truncated, 0, truncated.length);
    assertThrows(IllegalArgumentException.class, () -> Volume.deserialize(truncated));
  }

  @Test
  void concurrentAppendsToASharedVolumeAreNotLost() throws InterruptedException {
    Volume shared = new Volume();
    InMemoryFs a = new InMemoryFs();
    InMemoryFs b = new InMemoryFs();
    a.mount("/log", shared, false);
    b.mount("/log", shared, false);
    List<Thread> threads = new ArrayList<>();
    for (InMemoryFs fs : List.of(a, b)) {
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  fs.append("/log/out", "x\n".getBytes(StandardCharsets.UTF_8));
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertEquals(4000, a.size("/log/out"));
  }
}
