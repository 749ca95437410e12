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
 * Counts the rows the engines' statements report as affected, by wrapping the data source they
 * use. The count is what JDBC returns as update counts: exact for INSERT, UPDATE, DELETE and COPY,
 * zero for DDL. Thread-safe.
 */
public final class RowCounter {

    private final AtomicLong rows = new AtomicLong();

    /** The rows counted since the last call, and starts again from zero. */
    public long take() {
        return rows.getAndSet(0);
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
