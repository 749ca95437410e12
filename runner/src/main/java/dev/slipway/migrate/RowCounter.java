package dev.slipway.migrate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts the rows a migration changed. Engines either {@link #add} what they learn from the database
 * (Flyway: the transaction's own statistics), or let the counter {@link #wrap} their data source and
 * sum the update counts JDBC returns (Liquibase): exact for INSERT, UPDATE, DELETE and COPY, zero for
 * DDL. When an engine cannot know, it says so with {@link #unknown}. Thread-safe.
 */
public final class RowCounter {

    private final AtomicLong rows = new AtomicLong();
    private volatile boolean unknown;

    /** The rows counted since the last call, or {@code null} if they are unknown; starts again from zero. */
    public synchronized Long take() {
        long n = rows.getAndSet(0);
        boolean wasUnknown = unknown;
        unknown = false;
        return wasUnknown ? null : n;
    }

    /** Adds rows the engine learned of some other way. */
    public void add(long n) {
        rows.addAndGet(n);
    }

    /** The rows since the last {@link #take} cannot be known (statements outside a transaction, say). */
    public void unknown() {
        unknown = true;
    }

    /** A data source whose statements add their update counts to this counter. */
    public DataSource wrap(DataSource target) {
        return proxy(DataSource.class, target, (delegate, method, args) -> {
            Object result = invoke(delegate, method, args);
            return result instanceof Connection c ? wrapConnection(c) : result;
        });
    }

    private Connection wrapConnection(Connection target) {
        return proxy(Connection.class, target, (delegate, method, args) -> {
            Object result = invoke(delegate, method, args);
            return result instanceof Statement s ? wrapStatement(s, method.getReturnType()) : result;
        });
    }

    private Statement wrapStatement(Statement target, Class<?> type) {
        return (Statement) proxy(type, target, (delegate, method, args) -> {
            Object result = invoke(delegate, method, args);
            count(target, method.getName(), result);
            return result;
        });
    }

    private void count(Statement statement, String method, Object result) throws java.sql.SQLException {
        if (method.startsWith("execute") && result instanceof Boolean isResultSet && !isResultSet) {
            rows.addAndGet(Math.max(0, statement.getUpdateCount()));
        } else if ((method.equals("executeUpdate") || method.equals("executeLargeUpdate")) && result instanceof Number n) {
            rows.addAndGet(Math.max(0, n.longValue()));
        } else if (method.startsWith("executeBatch") || method.startsWith("executeLargeBatch")) {
            addBatch(result);
        }
    }

    private void addBatch(Object result) {
        if (result instanceof int[] counts) {
            for (int c : counts) {
                rows.addAndGet(Math.max(0, c));
            }
        } else if (result instanceof long[] counts) {
            for (long c : counts) {
                rows.addAndGet(Math.max(0, c));
            }
        }
    }

    private interface Handler {
        Object handle(Object delegate, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object delegate, Handler handler) {
        InvocationHandler ih = (p, method, args) -> switch (method.getName()) {
            case "equals" -> args[0] == p;
            case "hashCode" -> System.identityHashCode(p);
            default -> handler.handle(delegate, method, args);
        };
        return type.cast(Proxy.newProxyInstance(RowCounter.class.getClassLoader(), new Class<?>[] {type}, ih));
    }

    private static Object invoke(Object delegate, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
