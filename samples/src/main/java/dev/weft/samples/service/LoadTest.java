package dev.weft.samples.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.samples.service.OrderService.Handlers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service under load: {@code clients} concurrent HTTP clients (virtual threads sharing the JDK's
 * HTTP/1.1 client) send {@code requests} requests in total — 8 in 10 {@code GET /orders/{id}}, 1 in
 * 10 {@code GET /orders?customer=..&limit=3}, 1 in 10 {@code POST /orders} — and check every answer
 * against the database. Run as a program it measures both ways of writing the handlers in one JVM
 * and prints throughput and latency percentiles.
 */
public final class LoadTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One measured run.
     *
     * @param handlers how the service's handlers were written
     * @param requests requests sent
     * @param clients concurrent clients
     * @param correct answers that were right
     * @param failures what was wrong, for the first few wrong answers
     * @param wallNanos time from the first request to the last answer
     * @param latencyNanos every request's latency, sorted
     */
    public record Result(Handlers handlers, int requests, int clients, int correct, List<String> failures,
                         long wallNanos, long[] latencyNanos) {
        /**
         * Requests per second.
         *
         * @return the throughput
         */
        public double throughput() {
            return requests * 1e9 / wallNanos;
        }

        /**
         * A latency percentile in milliseconds.
         *
         * @param p the percentile, 0 to 100
         * @return the latency
         */
        public double percentileMillis(double p) {
            int i = (int) Math.ceil(p / 100 * latencyNanos.length) - 1;
            return latencyNanos[Math.max(0, Math.min(latencyNanos.length - 1, i))] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-7s %,7d requests, %3d clients: %,7.0f req/s, p50 %6.2f ms, p99 %6.2f ms, max %7.2f ms, %,d correct",
                    handlers.name().toLowerCase(Locale.ROOT), requests, clients, throughput(), percentileMillis(50),
                    percentileMillis(99), percentileMillis(100), correct);
        }
    }

    private LoadTest() {
    }

    /**
     * Starts a service with {@code handlers}, loads it and checks every answer.
     *
     * @param handlers how the handlers are written
     * @param requests requests in total
     * @param clients concurrent clients (each sends its share one after the other)
     * @return the measurements
     * @throws Exception if the run cannot complete within two minutes
     */
    public static Result run(Handlers handlers, int requests, int clients) throws Exception {
        try (OrderService service = OrderService.start(handlers)) {
            return run(service, requests, clients);
        }
    }

    static Result run(OrderService service, int requests, int clients) throws Exception {
        Map<Long, Order> seeded = Objects.requireNonNull(service.repository().findAll().collectMap(Order::id, Function.identity())
                .block(Duration.ofSeconds(10)));
        URI base = service.baseUri();
        long[] latencies = new long[requests];
        AtomicInteger correct = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(10)).executor(threads).build()) {
            List<Future<?>> running = new ArrayList<>(clients);
            long t0 = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int client = c;
                running.add(threads.submit(() -> {
                    for (int i = client; i < requests; i += clients) {
                        long start = System.nanoTime();
                        String problem = exchange(http, base, i, seeded);
                        latencies[i] = System.nanoTime() - start;
                        if (problem == null) {
                            correct.incrementAndGet();
                        } else if (failures.size() < 10) {
                            failures.add("request " + i + ": " + problem);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(2, TimeUnit.MINUTES);
            }
            long wall = System.nanoTime() - t0;
            Arrays.sort(latencies);
            return new Result(service.handlers(), requests, clients, correct.get(), List.copyOf(failures), wall, latencies);
        }
    }

    /** Sends request number {@code i} and returns what was wrong with the answer, or null. */
    private static String exchange(HttpClient http, URI base, int i, Map<Long, Order> seeded) {
        try {
            int kind = i % 10;
            if (kind == 0) {
                String body = "{\"customer\":\"load" + i + "\",\"item\":\"item" + i + "\",\"quantity\":" + (1 + i % 7)
                        + ",\"unitPriceCents\":" + (100 + i) + "}";
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/orders"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) {
                    return r.statusCode() + " " + r.body();
                }
                JsonNode created = MAPPER.readTree(r.body());
                boolean same = created.get("id").asLong() > 0 && created.get("customer").asText().equals("load" + i)
                        && created.get("unitPriceCents").asLong() == 100 + i;
                return same ? null : "created " + r.body();
            }
            if (kind == 1) {
                String customer = seeded.get(1L + i % 6).customer();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/orders?limit=3&customer=" + customer)).build(),
                        HttpResponse.BodyHandlers.ofString());
                List<Order> expected = seeded.values().stream().filter(o -> o.customer().equals(customer))
                        .sorted((a, b) -> Long.compare(a.id(), b.id())).limit(3).toList();
                List<Order> actual = List.of(MAPPER.readValue(r.body(), Order[].class));
                return r.statusCode() == 200 && actual.equals(expected) ? null : r.statusCode() + " " + r.body();
            }
            long id = 1L + i % seeded.size();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/orders/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && MAPPER.readValue(r.body(), Order.class).equals(seeded.get(id))
                    ? null : r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Measures both ways of writing the handlers in this JVM: a warm-up run each, then
     * {@code rounds} measured runs each, alternating.
     *
     * @param args {@code [requests [clients [rounds]]]}, by default 10000 200 3
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(Locale.ROOT, "load test on JDK %s, %d cores: %,d requests from %d clients, %d rounds per variant%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), requests, clients, rounds);
        for (Handlers h : Handlers.values()) {
            Result warm = run(h, requests, clients);
            System.out.println("warm-up " + warm);
        }
        List<Result> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (Handlers h : Handlers.values()) {
                Result r = run(h, requests, clients);
                System.out.println("        " + r);
                if (r.correct() != r.requests()) {
                    throw new IllegalStateException("wrong answers: " + r.failures());
                }
                results.add(r);
            }
        }
        Map<Handlers, List<Result>> byHandlers = results.stream().collect(Collectors.groupingBy(Result::handlers));
        System.out.println("median of the rounds:");
        for (Handlers h : Handlers.values()) {
            List<Result> rs = byHandlers.get(h);
            double[] tput = rs.stream().mapToDouble(Result::throughput).sorted().toArray();
            double[] p99 = rs.stream().mapToDouble(r -> r.percentileMillis(99)).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-7s %,7.0f req/s, p99 %6.2f ms%n", h.name().toLowerCase(Locale.ROOT),
                    tput[tput.length / 2], p99[p99.length / 2]);
        }
    }
}
