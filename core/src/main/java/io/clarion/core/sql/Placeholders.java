package io.clarion.core.sql;

/** Positional parameter lists for multi-row statements: {@code ($1, $2), ($3, $4)}. */
public final class Placeholders {
    private Placeholders() {
    }

    public static String rows(int rows, int columns) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("rows: " + rows + ", columns: " + columns + " (expected: > 0)");
        }
        StringBuilder sql = new StringBuilder();
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 1; column <= columns; column++) {
                sql.append(column == 1 ? "$" : ", $").append(row * columns + column);
            }
            sql.append(')');
        }
        return sql.toString();
    }
}
