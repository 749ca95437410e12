package dev.slipway.testing;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every request one fabric8 client sends, as the client sends it (retries included): for counting requests per
 * operation and for checking RBAC rules against the calls really made. Thread-safe.
 */
public final class ApiRequestLog implements Interceptor {

    /**
     * One request.
     *
     * @param path  the URL path, e.g. {@code /api/v1/namespaces/x/secrets}
     * @param query the query string, or empty
     */
    public record Request(String method, String path, String query) {
        /** Whether the request changes anything (anything but GET). */
        public boolean write() {
            return !method.equals("GET");
        }
    }

    private final List<Request> requests = new ArrayList<>();

    /** Installs this log on a client being built. */
    public Consumer<HttpClient.Builder> installer() {
        return b -> b.addOrReplaceInterceptor("slipway-request-log", this);
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String query = request.uri().getRawQuery();
        synchronized (requests) {
            requests.add(new Request(request.method(), request.uri().getRawPath(), query == null ? "" : query));
        }
    }

    /** How many requests were sent so far: a mark for {@link #since}. */
    public int size() {
        synchronized (requests) {
            return requests.size();
        }
    }

    /** The requests sent after {@code mark}. */
    public List<Request> since(int mark) {
        synchronized (requests) {
            return List.copyOf(requests.subList(mark, requests.size()));
        }
    }

    /** Every request sent so far. */
    public List<Request> all() {
        return since(0);
    }
}
