package dev.slipway.mask.schema;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs a catalog copy's pre-data statements in the target, in order, in one transaction: all of it or nothing. */
public final class SchemaApplier {

    private SchemaApplier() {
    }

    static void preData(Connection target, List<Ddl> statements) throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try (Statement st = target.createStatement()) {
            for (Ddl d : statements) {
                run(st, d);
            }
            target.commit();
        } finally {
            if (!target.getAutoCommit()) {
                target.rollback();
            }
            target.setAutoCommit(autoCommit);
        }
    }

    public static void run(Statement st, Ddl d) {
        try {
            st.execute(d.sql());
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.MASK_FAILED, "cannot create " + d.what() + " in the target: "
                    + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); the target stays marked incomplete", e);
        }
    }
}
