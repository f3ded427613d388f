package dev.weft.samples.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.r2dbc.spi.R2dbcException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The order service: Reactor Netty HTTP on the loopback interface over an {@link OrderRepository},
 * with the endpoints of {@link OrderApi} written in the chosen {@link Handlers} style.
 *
 * <pre>
 * GET  /orders/{id}                              200 the order | 400 id not a number | 404
 * GET  /orders?customer=ada&amp;limit=10              200 a JSON array
 * POST /orders  {"customer":..,"item":..,"quantity":..,"unitPriceCents":..}   201 | 400 with the reason
 * GET  /orders/stream?everyMs=100&amp;format=sse|ndjson  Server-Sent Events or NDJSON, flushed per order
 * </pre>
 *
 * Any endpoint answers 503 with a message while the database fails (a stream whose database fails
 * after its first order ends with an error event or line instead). Errors are JSON:
 * {@code {"status":404,"error":"order 99 not found"}}.
 */
public final class OrderService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OrderService.class.getName());
    private static final String JSON = "application/json";

    /** How the endpoints are written. */
    public enum Handlers {
        /** {@link WeftOrderApi}: coroutines. */
        WEFT,
        /** {@link ReactorOrderApi}: plain Reactor operators. */
        REACTOR
    }

    private final OrderRepository repo;
    private final Handlers handlers;
    private final OrderApi api;
    private final ObjectMapper mapper = new ObjectMapper();
    private final DisposableServer server;

    private OrderService(OrderRepository repo, Handlers handlers, int port) {
        this.repo = repo;
        this.handlers = handlers;
        this.api = handlers == Handlers.WEFT ? new WeftOrderApi(repo, mapper) : new ReactorOrderApi(repo, mapper);
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .route(routes -> routes
                        .get("/orders/stream", this::stream)
                        .get("/orders/{id}", this::get)
                        .get("/orders", this::list)
                        .post("/orders", this::create))
                .bindNow(Duration.ofSeconds(10));
    }

    /**
     * Opens a fresh in-memory database and serves it on a free loopback port.
     *
     * @param handlers how the endpoints are written
     * @return the running service
     */
    public static OrderService start(Handlers handlers) {
        return start(handlers, 0);
    }

    /**
     * Opens a fresh in-memory database and serves it on a loopback port.
     *
     * @param handlers how the endpoints are written
     * @param port the port, 0 for a free one
     * @return the running service
     */
    public static OrderService start(Handlers handlers, int port) {
        Objects.requireNonNull(handlers, "handlers");
        OrderRepository repo = OrderRepository.openInMemory();
        try {
            return new OrderService(repo, handlers, port);
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /**
     * Returns the base address, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the address
     */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Returns the database behind the service (tests inject failures through it).
     *
     * @return the repository
     */
    public OrderRepository repository() {
        return repo;
    }

    /**
     * Returns how the endpoints are written.
     *
     * @return the handlers' style
     */
    public Handlers handlers() {
        return handlers;
    }

    /**
     * Returns the endpoints' implementation.
     *
     * @return the handlers
     */
    public OrderApi api() {
        return api;
    }

    /** Stops serving, then closes the database. */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(10));
        repo.close();
    }

    // ------------------------------------------------------------------ HTTP layer

    private Publisher<Void> get(HttpServerRequest req, HttpServerResponse res) {
        return respond(res, 200, Mono.defer(() -> api.get(Params.id(req.param("id")))));
    }

    private Publisher<Void> list(HttpServerRequest req, HttpServerResponse res) {
        return respond(res, 200, Mono.defer(() -> {
            Params params = new Params(req.uri());
            int limit = (int) params.number("limit", 1, Params.MAX_LIMIT, Params.DEFAULT_LIMIT);
            return api.list(params.text("customer"), limit);
        }));
    }

    private Publisher<Void> create(HttpServerRequest req, HttpServerResponse res) {
        Mono<String> body = req.receive().aggregate().asString(StandardCharsets.UTF_8);
        return api.create(body)
                .flatMap(order -> send(res.header(HttpHeaderNames.LOCATION, "/orders/" + order.id()), 201, order))
                .onErrorResume(e -> sendError(res, e));
    }

    private Publisher<Void> stream(HttpServerRequest req, HttpServerResponse res) {
        boolean ndjson;
        Duration every;
        try {
            Params params = new Params(req.uri());
            every = Duration.ofMillis(params.number("everyMs", 0, Params.MAX_EVERY_MS, Params.DEFAULT_EVERY_MS));
            String format = params.text("format");
            if (format != null && !format.equals("sse") && !format.equals("ndjson")) {
                throw ApiException.badRequest("format must be sse or ndjson, got '" + format + "'");
            }
            ndjson = "ndjson".equals(format) || (format == null && accepts(req, "application/x-ndjson"));
        } catch (ApiException e) {
            return sendError(res, e);
        }
        boolean asNdjson = ndjson;
        // the status is chosen on the first signal: a database that fails before the first order is a 503,
        // a failure after it (the status line already sent) ends the stream with an error event or line
        return api.stream(every).switchOnFirst((first, orders) -> {
            if (first.hasError()) {
                return sendError(res, Objects.requireNonNull(first.getThrowable()));
            }
            if (asNdjson) {
                Flux<ByteBuf> lines = orders.map(order -> bytes(json(order) + "\n"))
                        .onErrorResume(e -> Mono.just(bytes(json(errorBody(e)) + "\n")));
                return res.header(HttpHeaderNames.CONTENT_TYPE, "application/x-ndjson")
                        .send(lines, buf -> true); // flush after every line
            }
            Flux<ByteBuf> events = orders.map(order -> bytes("id: " + order.id() + "\nevent: order\ndata: " + json(order) + "\n\n"))
                    .onErrorResume(e -> Mono.just(bytes("event: error\ndata: " + json(errorBody(e)) + "\n\n")));
            return res.sse().send(events, buf -> true); // flush after every event
        });
    }

    private static boolean accepts(HttpServerRequest req, String type) {
        String accept = req.requestHeaders().get(HttpHeaderNames.ACCEPT);
        return accept != null && Arrays.stream(accept.split(",")).anyMatch(t -> t.strip().startsWith(type));
    }

    private Mono<Void> respond(HttpServerResponse res, int status, Mono<?> result) {
        return result.flatMap(value -> send(res, status, value)).onErrorResume(e -> sendError(res, e));
    }

    private Mono<Void> send(HttpServerResponse res, int status, Object value) {
        return res.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, JSON)
                .sendString(Mono.just(json(value)))
                .then();
    }

    private Mono<Void> sendError(HttpServerResponse res, Throwable e) {
        ErrorBody body = errorBody(e);
        return send(res, body.status(), body);
    }

    /**
     * What a client receives for a failed request.
     *
     * @param status the HTTP status
     * @param error what went wrong
     */
    record ErrorBody(int status, String error) {
    }

    /** Maps a failure to what the client is told: 400/404 as refused, 503 for the database, else 500. */
    static ErrorBody errorBody(Throwable e) {
        if (e instanceof ApiException api) {
            return new ErrorBody(api.status(), String.valueOf(api.getMessage()));
        }
        if (e instanceof R2dbcException db) {
            return new ErrorBody(HttpResponseStatus.SERVICE_UNAVAILABLE.code(), "database unavailable: " + db.getMessage());
        }
        LOG.log(System.Logger.Level.WARNING, "request failed", e);
        return new ErrorBody(500, "internal error: " + e.getClass().getSimpleName());
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Starts the service and prints its address and a curl line per endpoint. With
     * {@code --serve} it keeps running until the process is stopped; without, it answers one
     * request per endpoint itself and stops.
     *
     * @param args {@code [--serve] [--port N] [--handlers weft|reactor]}
     * @throws Exception if the self-check cannot reach the service
     */
    public static void main(String[] args) throws Exception {
        boolean serve = false;
        int port = 0;
        Handlers handlers = Handlers.WEFT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--serve" -> serve = true;
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--handlers" -> handlers = Handlers.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: OrderService [--serve] [--port N] [--handlers weft|reactor]");
            }
        }
        try (OrderService service = start(handlers, port)) {
            String base = service.baseUri().toString();
            System.out.println("order service (" + handlers.name().toLowerCase(java.util.Locale.ROOT)
                    + " handlers) on " + base + ", " + OrderRepository.SEED_ORDERS + " seed orders in H2 (in memory, r2dbc-pool)");
            for (String line : ServiceClient.curlLines(base)) {
                System.out.println("  " + line);
            }
            if (serve) {
                System.out.println("serving until stopped (Ctrl+C)");
                CountDownLatch forever = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
                forever.await();
            } else {
                ServiceClient.selfCheck(service.baseUri(), System.out);
            }
        }
    }
}
