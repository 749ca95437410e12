package dev.slipway.camel;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.cli.Json;
import dev.slipway.webhook.Forge;
import dev.slipway.webhook.OneLine;
import dev.slipway.webhook.WebhookIntake;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve's HTTP server: Vert.x, with the router that Camel's {@code platform-http} routes register on (bound in the
 * registry under the name Camel's own server uses), so that what Vert.x refuses before any route runs is answered
 * as every other refusal is: a body over the limit (413), headers or a request line too large (431, 414), a request
 * that is not HTTP (400), no such path or method (404, 405), a content type the route does not take (415).
 *
 * <p>Plain-text HTTP/2 ({@code h2c}, by upgrade) is off: forges, probes and Prometheus speak HTTP/1.1, and on an
 * upgraded connection Netty answers oversized headers itself, or (on the upgrade request) does not limit them at all.
 *
 * <p>On a webhook path ({@code /hooks/<forge>}), and for a request too malformed to have a known path, the answer
 * is the delivery's shape, {@code {"delivery", "result": "rejected", "reason"}}, counted and logged by
 * {@link WebhookEndpoint#refusal}; elsewhere it is {@code {"error": reason}}, as the API answers, and logged.
 */
final class HttpFront implements AutoCloseable {

    /** The most header bytes read, Vert.x's default; more is refused with 431. */
    static final int MAX_HEADER_BYTES = new HttpServerOptions().getMaxHeaderSize();
    /** The longest request line read, Vert.x's default; longer is refused with 414. */
    static final int MAX_LINE_BYTES = new HttpServerOptions().getMaxInitialLineLength();

    private static final Logger LOG = LoggerFactory.getLogger(HttpFront.class);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int[] ROUTER_REFUSALS = {400, 404, 405, 413, 415};
    private static final String HOOKS = "/hooks/";

    private final Vertx vertx;
    private final Router routes;
    private final HttpServer server;
    private final long maxBodyBytes;
    /** Who counts and logs refused deliveries; {@code null} while serve is still starting. */
    private volatile WebhookEndpoint webhooks;

    private HttpFront(Vertx vertx, Router routes, HttpServer server, long maxBodyBytes) {
        this.vertx = vertx;
        this.routes = routes;
        this.server = server;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Listens on {@code host:port} (0: a free port, see {@link #port()}), or says why not (the server's own
     * message); until serve has started, every request is answered 503; routes answer once they are {@linkplain #bindInto bound} and started.
     */
    static HttpFront start(String host, int port, long maxBodyBytes) {
        Vertx vertx = Vertx.vertx();
        Router root = Router.router(vertx);
        Router routes = Router.router(vertx);
        root.route("/*").subRouter(routes);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                .setHttp2ClearTextEnabled(false));
        HttpFront front = new HttpFront(vertx, routes, server, maxBodyBytes);
        for (int status : ROUTER_REFUSALS) {
            root.errorHandler(status, front::routerRefused);
            routes.errorHandler(status, front::routerRefused);
        }
        server.requestHandler(root).invalidRequestHandler(front::invalidRequest);
        try {
            await(server.listen());
        } catch (SlipwayException e) {
            front.close();
            throw e;
        }
        return front;
    }

    /** From now on refused deliveries are counted and logged by {@code webhooks}. */
    void accept(WebhookEndpoint webhooks) {
        this.webhooks = webhooks;
    }

    /** Binds the router (with the body limit) and this server's port where the platform-http routes look. */
    void bindInto(Main main) {
        VertxPlatformHttpServerConfiguration config = new VertxPlatformHttpServerConfiguration();
        config.setBindPort(server.actualPort());
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(server.actualPort());
        main.bind(name, new VertxPlatformHttpRouter(null, vertx, routes, name) {
            /**
             * The router pauses each request; resuming it before the body handler lets a body over the limit be
             * read and dropped after the 413, so that the sender, still writing, gets to read the answer.
             */
            @Override
            public Handler<RoutingContext> bodyHandler() {
                BodyHandler limited = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
                return ctx -> {
                    ctx.request().resume();
                    limited.handle(ctx);
                };
            }
        });
        main.bind("slipway-http-config", config);
    }

    /** A refusal by the router: the body handler's limit, or no route for the path, method or content type. */
    private void routerRefused(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        int status = ctx.statusCode();
        String reason = switch (status) {
            case 413 -> WebhookIntake.tooLarge(contentLength(request), maxBodyBytes);
            case 404 -> "nothing is served at " + OneLine.of(request.path()) + "; webhooks go to /hooks/github, "
                    + "/hooks/gitlab or /hooks/gitea, the API is under /api/v1/";
            case 405 -> OneLine.of(request.method().name()) + " is not allowed on " + OneLine.of(request.path())
                    + (request.path().startsWith(HOOKS) ? "; forges POST their deliveries" : "");
            case 415 -> "content type '" + OneLine.of(request.getHeader("Content-Type")) + "' is not accepted on "
                    + OneLine.of(request.path()) + "; set the webhook's content type to application/json";
            default -> "the request is not one serve can read: " + (ctx.failure() == null ? "HTTP " + status
                    : OneLine.of(ctx.failure().getMessage()));
        };
        refuse(request, status, reason);
    }

    /**
     * A request the HTTP decoder refused before any route ran. Its path and headers are not known (Netty replaces
     * the request with a stand-in), so it is answered in the webhook shape and counted for forge {@code unknown}:
     * serve's one endpoint open to anyone is the webhook intake.
     */
    private void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String reason;
        if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            reason = "the request's headers are larger than " + MAX_HEADER_BYTES + " bytes, the most serve reads; "
                    + "send fewer or shorter headers";
        } else if (cause instanceof TooLongHttpLineException) {
            status = 414;
            reason = "the request line is longer than " + MAX_LINE_BYTES + " bytes, the most serve reads";
        } else {
            status = 400;
            reason = "the request is not valid HTTP: " + (cause == null ? "unreadable" : OneLine.of(cause.getMessage()));
        }
        WebhookEndpoint w = webhooks;
        String body = w == null ? starting() : w.refusal(null, null, null, status, "rejected", reason);
        status = w == null ? 503 : status;
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(body).onComplete(done -> request.response().close());
    }

    private io.vertx.core.Future<Void> refuse(HttpServerRequest request, int status, String reason) {
        String path = pathOf(request);
        Optional<Forge> forge = path.startsWith(HOOKS) ? Forge.byId(path.substring(HOOKS.length())) : Optional.empty();
        String body;
        WebhookEndpoint w = webhooks;
        if (w == null) {
            return request.response().setStatusCode(503).putHeader("Content-Type", "application/json").end(starting());
        }
        if (forge.isPresent() || path.startsWith(HOOKS)) {
            body = w.refusal(forge.orElse(null), forge.map(f -> request.getHeader(f.deliveryHeader())).orElse(null),
                    forge.map(f -> request.getHeader(f.eventHeader())).orElse(null), status, "rejected", reason);
        } else {
            LOG.warn("HTTP {} {}: {} {}", OneLine.of(request.method().name()), OneLine.of(path), status, reason);
            body = Json.write(Map.of("error", reason));
        }
        return request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static String starting() {
        return Json.write(Map.of("error", "serve is starting; try again in a moment"));
    }

    /** The path, or {@code ""} when the request line could not be read. */
    private static String pathOf(HttpServerRequest request) {
        try {
            String path = request.path();
            return path == null ? "" : path;
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static long contentLength(HttpServerRequest request) {
        try {
            return Long.parseLong(request.getHeader("Content-Length"));
        } catch (NumberFormatException | NullPointerException unknown) {
            return -1;
        }
    }

    int port() {
        return server.actualPort();
    }

    /** Stops listening and closes Vert.x. */
    @Override
    public void close() {
        try {
            await(server.close());
        } finally {
            await(vertx.close());
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "the HTTP server did not answer within " + WAIT.toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlipwayException(ErrorCode.INTERNAL, "interrupted while starting or stopping the HTTP server", e);
        }
    }
}
