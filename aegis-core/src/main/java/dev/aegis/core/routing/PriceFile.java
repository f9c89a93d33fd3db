package dev.aegis.core.routing;

import dev.aegis.api.error.ConfigException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code prices.tsv}: one model per line, tab-separated — provider type, model, then dollars
 * per million tokens for input, output, cache read, 5-minute cache write, 1-hour cache write and
 * reasoning ({@code -} where the page lists no separate price), the context window ({@code -} when
 * the page states none), the address of the page the figures were read from, and the date read.
 * Lines starting with {@code #} are comments.
 */
final class PriceFile {
  static final String RESOURCE = "prices.tsv";
  private static final int COLUMNS = 11;

  /** One line of the file. */
  record Entry(String providerType, String model, PriceTable.Price price, int line) {}

  private PriceFile() {}

  static List<Entry> read() {
    try (InputStream in = PriceFile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the built-in price table " + RESOURCE + " is missing from the jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException("the built-in price table could not be read", e);
    }
  }

  static List<Entry> parse(BufferedReader reader) throws IOException {
    List<Entry> entries = new ArrayList<>();
    List<ConfigException.Problem> problems = new ArrayList<>();
    String line;
    int n = 0;
    while ((line = reader.readLine()) != null) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      String at = RESOURCE + ":" + n;
      if (f.length != COLUMNS) {
        problems.add(new ConfigException.Problem(at, "expected " + COLUMNS + " tab-separated columns but found "
            + f.length));
        continue;
      }
      try {
        PriceTable.Price price = new PriceTable.Price(money(f[2]), money(f[3]), optionalMoney(f[4]),
            optionalMoney(f[5]), optionalMoney(f[6]), optionalMoney(f[7]),
            f[8].equals("-") ? 0 : Long.parseLong(f[8]), f[9], LocalDate.parse(f[10]));
        entries.add(new Entry(f[0], f[1], price, n));
      } catch (NumberFormatException | DateTimeParseException e) {
        problems.add(new ConfigException.Problem(at, "not a price line: a number or date does not parse"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return entries;
  }

  private static BigDecimal money(String s) {
    return new BigDecimal(s);
  }

  private static @Nullable BigDecimal optionalMoney(String s) {
    return s.equals("-") ? null : new BigDecimal(s);
  }
}
