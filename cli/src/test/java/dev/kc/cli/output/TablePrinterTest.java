package dev.kc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kc.cli.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TablePrinterTest {

  private static final Object TABLE =
      Json.parse(
          "{\"kind\":\"Table\",\"apiVersion\":"
              + "\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"7\"},\"columnDefinitions\":"
              + "["
              + "{\"name\":\"Name\",\"type\":\"string\",\"format\":\"name\",\"priority\":0},"
              + "{\"name\":\"Up-to-date\",\"type\":\"integer\",\"format\":\"\",\"priority\":0},{\"n"
              + "ame\":\"Nominated"
              + " Node\",\"type\":\"string\",\"format\":\"\",\"priority\":1}],"
              + "\"rows\":[{\"cells\":[\"web\",2,null],\"object\":{\"metadata\":{\"name\":\"web\","
              + "\"namespace\":\"prod\",\"labels\":{\"example.com/tier\":\"fe\",\"app\":\"web\"}}}}"
              + "]}");

  private static String print(TablePrinter.Options o) {
    StringWriter sw = new StringWriter();
    StringBuilder buffer = new StringBuilder();
    TablePrinter p = new TablePrinter(o, TabWriter.forTables(buffer), buffer, new PrintWriter(sw));
    p.add(ServerTable.parse(TABLE), "ADDED");
    p.flush();
    return sw.toString();
  }

  private static TablePrinter.Options options(
      boolean wide,
      boolean ns,
      String kind,
      boolean noHeaders,
      boolean labels,
      List<String> labelColumns) {
    return new TablePrinter.Options(wide, ns, kind, noHeaders, labels, labelColumns, false);
  }

  @Test
  void upperCasesHeadersAndHidesWideColumns() {
    assertEquals(
        "NAME   UP-TO-DATE\nweb    2\n",
        print(options(false, false, null, false, false, List.of())));
  }

  @Test
  void wideShowsPriorityColumnsWithNullAsEmpty() {
    assertEquals(
        "NAME   UP-TO-DATE   NOMINATED NODE\nweb    2            \n",
        print(options(true, false, null, false, false, List.of())));
  }

  @Test
  void addsNamespaceKindPrefixAndLabelColumns() {
    assertEquals(
        "NAMESPACE   NAME                  UP-TO-DATE   APP   TIER   LABELS\n"
            + "prod        deployment.apps/web   2            web   fe    "
            + " app=web,example.com/tier=fe\n",
        print(
            options(
                false, true, "deployment.apps", false, true, List.of("app", "example.com/tier"))));
  }

  @Test
  void noHeadersPrintsOnlyRows() {
    assertEquals("web   2\n", print(options(false, false, null, true, false, List.of())));
  }

  @Test
  void eventColumnIsPaddedToTheLongestEventType() {
    StringWriter sw = new StringWriter();
    StringBuilder buffer = new StringBuilder();
    TablePrinter p =
        new TablePrinter(
            new TablePrinter.Options(false, false, null, false, false, List.of(), true),
            TabWriter.forTables(buffer),
            buffer,
            new PrintWriter(sw));

    p.add(ServerTable.parse(TABLE), "ADDED");
    p.flush();

    assertEquals("EVENT      NAME   UP-TO-DATE\nADDED      web    2\n", sw.toString());
  }

  @Test
  void cellsFollowGoFormatting() {
    assertEquals("", TablePrinter.cell(null));
    assertEquals("1.5", TablePrinter.cell(1.5));
    assertEquals("true", TablePrinter.cell(true));
    assertEquals("[a 2]", TablePrinter.cell(Json.parse("[\"a\",2]")));
    assertEquals("map[a:1 b:x]", TablePrinter.cell(Json.parse("{\"b\":\"x\",\"a\":1}")));
  }
}
