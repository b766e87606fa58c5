package io.clarion.standalone.benchmark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Figures printed one per line as {@code name value unit}, with names and values aligned in columns. */
final class FigureTable {
    private record Row(String name, String value, String unit) {
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    FigureTable(String title) {
        this.title = title;
    }

    FigureTable add(String name, long value, String unit) {
        rows.add(new Row(name, String.format(Locale.ROOT, "%,d", value), unit));
        return this;
    }

    FigureTable add(String name, double value, String unit) {
        rows.add(new Row(name, String.format(Locale.ROOT, "%,.1f", value), unit));
        return this;
    }

    FigureTable add(String name, String value, String unit) {
        rows.add(new Row(name, value, unit));
        return this;
    }

    FigureTable note(String note) {
        notes.add(note);
        return this;
    }

    void print(PrintStream out) {
        int nameWidth = rows.stream().mapToInt(row -> row.name().length()).max().orElse(0);
        int valueWidth = rows.stream().mapToInt(row -> row.value().length()).max().orElse(0);
        String format = "  %-" + nameWidth + "s  %" + valueWidth + "s  %s%n";
        out.printf("%n== %s ==%n", title);
        rows.forEach(row -> out.printf(Locale.ROOT, format, row.name(), row.value(), row.unit()).flush());
        notes.forEach(note -> out.println("  note: " + note));
        out.flush();
    }
}
