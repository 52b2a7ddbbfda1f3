package org.bonlab.numeric;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The 60-digit mpmath reference values of {@code reference/bon_reference_public.csv} (provenance in
 * {@code reference/PROVENANCE.md}).
 */
public final class ReferenceTable {

    /** One row: a case, n, and named columns. */
    public record Row(String caseName, long n, Map<String, BigDecimal> values) {
        public double get(String column) {
            return values.get(column).doubleValue();
        }
    }

    private ReferenceTable() {
    }

    public static List<Row> load(String resource) {
        try (InputStream in = ReferenceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = Arrays.asList(r.readLine().split(","));
            List<Row> rows = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                Map<String, BigDecimal> values = new TreeMap<>();
                for (int i = 2; i < f.length; i++) {
                    values.put(header.get(i), new BigDecimal(f[i]));
                }
                rows.add(new Row(f[0], Long.parseLong(f[1]), values));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Row> publicRows() {
        return load("/reference/bon_reference_public.csv");
    }
}
