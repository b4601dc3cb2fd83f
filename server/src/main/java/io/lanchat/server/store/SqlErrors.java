package io.lanchat.server.store;

import java.sql.SQLException;

/** Turns driver exceptions into words for an administrator, and tells lasting errors from passing ones. */
final class SqlErrors {
    private SqlErrors() {
    }

    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : " [" + e.getSQLState() + "]";
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "database error" + state + ": " + message.strip();
    }

    /**
     * Whether writing the same data again can never succeed (a data or constraint error), so it must not be kept
     * for retries: SQL states of class 22 (data exception) and 23 (integrity constraint violation).
     */
    static boolean isPermanent(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }
}
