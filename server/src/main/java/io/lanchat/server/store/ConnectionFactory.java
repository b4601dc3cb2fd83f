package io.lanchat.server.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a ready connection (settings applied) for one store lane. */
@FunctionalInterface
interface ConnectionFactory {
    Connection open() throws SQLException;
}
