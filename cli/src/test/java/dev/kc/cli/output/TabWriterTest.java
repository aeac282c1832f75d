package dev.kc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TabWriterTest {

  @Test
  void padsEachColumnToItsWidestCellPlusPaddingWithAMinimumWidth() {
    StringBuilder sb = new StringBuilder();
    TabWriter w = new TabWriter(sb, 6, 3);

    w.print("NAME\tREADY\tAGE\nweb-1\t1/1\t5m\na\tb\tc\n");
    w.flush();

    assertEquals("NAME    READY   AGE\nweb-1   1/1     5m\na       b       c\n", sb.toString());
  }

  @Test
  void alignsOnlyConsecutiveLinesThatShareAColumn() {
    StringBuilder sb = new StringBuilder();
    TabWriter w = new TabWriter(sb, 0, 2);

    w.print("Name:\tx\nNamespace:\tdefault\nSpec:\n  Replicas:\t3\n  A:\tb\n");
    w.flush();

    assertEquals(
        "Name:       x\nNamespace:  default\nSpec:\n  Replicas:  3\n  A:         b\n",
        sb.toString());
  }

  @Test
  void leavesTheLastCellOfALineUnpadded() {
    StringBuilder sb = new StringBuilder();
    TabWriter w = new TabWriter(sb, 0, 2);

    w.print("a\tb\t\n");
    w.flush();

    assertEquals("a  b  \n", sb.toString());
  }

  @Test
  void rememberedWidthsKeepLaterFlushesAlignedAndGrowWhenNeeded() {
    StringBuilder sb = new StringBuilder();
    TabWriter w = TabWriter.forTables(sb);

    w.print("NAME\tAGE\nweb-1\t1s\n");
    w.flush();
    w.print("a-much-longer-name\t2s\n");
    w.flush();
    w.print("web-1\t3s\n");
    w.flush();

    assertEquals(
        "NAME    AGE\nweb-1   1s\na-much-longer-name   2s\nweb-1                3s\n",
        sb.toString());
  }

  @Test
  void keepsAMissingFinalNewlineMissing() {
    StringBuilder sb = new StringBuilder();
    TabWriter w = new TabWriter(sb, 0, 1);

    w.print("a\tb\nc\td");
    w.flush();

    assertEquals("a b\nc d", sb.toString());
  }
}
