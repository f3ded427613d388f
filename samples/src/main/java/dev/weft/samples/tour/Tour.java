package dev.weft.samples.tour;

import static dev.weft.reactor.ReactorFlows.asFlow;
import static dev.weft.reactor.ReactorFlows.asFlux;
import static dev.weft.reactor.ReactorFlows.await;

import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.flow.Flow;
import dev.weft.rxjava3.RxFlows;
import dev.weft.samples.service.Order;
import dev.weft.samples.service.OrderRepository;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tour: what weft does, section by section, each printing what it shows with the figures
 * measured on the machine that runs it. The README's first command runs it.
 *
 * <ol>
 * <li>Flux to coroutines: the order service's R2DBC query as a flow, a suspending call per element,
 * handed back as a Flux.</li>
 * <li>Writing flows: backpressure made visible, operators, {@code flowOn}, {@code buffer},
 * {@code catchError} and {@code retry}.</li>
 * <li>RxJava interop: a Flowable and a Single in, a Flowable out.</li>
 * <li>Structured concurrency: parallel calls under a timeout; a failure that cancels its siblings.</li>
 * <li>What coroutines cost, measured live ({@link Costs}).</li>
 * </ol>
 */
public final class Tour {
    private final Out out;

    private Tour(PrintStream stream) {
        this.out = new Out(stream);
    }

    /**
     * Runs the whole tour.
     *
     * @param args the numbers of the sections to run (all if none)
     * @throws Exception if a section fails
     */
    public static void main(String[] args) throws Exception {
        List<String> only = List.of(args); // section numbers to run, e.g. "1 5"; none: all
        Tour tour = new Tour(System.out);
        tour.header();
        if (only.isEmpty() || only.contains("1")) {
            tour.fluxToCoroutines();
        }
        if (only.isEmpty() || only.contains("2")) {
            tour.writingFlows();
        }
        if (only.isEmpty() || only.contains("3")) {
            tour.rxJavaInterop();
        }
        if (only.isEmpty() || only.contains("4")) {
            tour.structuredConcurrency();
        }
        if (only.isEmpty() || only.contains("5")) {
            new Costs(tour.out, Costs.Sizes.FULL).run();
        }
        tour.out.section("Tour finished in " + String.format(Locale.ROOT, "%,d", tour.out.elapsedMillis()) + " ms.");
    }

    /**
     * Runs sections 1 to 4 (the quick ones) and section 5 with small counts, printing to {@code stream}:
     * what the tests run.
     *
     * @param stream where to print
     * @throws Exception if a section fails
     */
    static void runQuick(PrintStream stream) throws Exception {
        Tour tour = new Tour(stream);
        tour.header();
        tour.fluxToCoroutines();
        tour.writingFlows();
        tour.rxJavaInterop();
        tour.structuredConcurrency();
        new Costs(tour.out, Costs.Sizes.SMALL).run();
    }

    private void header() {
        out.section(String.format(Locale.ROOT, "weft tour on JDK %s, %d cores, max heap %,d MB",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
    }

    // ------------------------------------------------------------------ 1

    void fluxToCoroutines() {
        out.section("1. Flux to coroutines");
        try (OrderRepository repo = OrderRepository.openInMemory()) {
            Flux<Order> orders = repo.findAll(); // R2DBC: a Flux<Order> from H2 through r2dbc-pool
            Duration lookup = Duration.ofMillis(10);
            long t0 = System.nanoTime();
            List<String> where = Collections.synchronizedList(new ArrayList<>());
            Flow<String> priced = asFlow(orders)
                    .map(order -> {
                        where.add(Out.where());
                        long discount = await(discountFor(order, lookup)); // suspends ~10 ms
                        long total = order.quantity() * order.unitPriceCents() * (100 - discount) / 100;
                        return String.format(Locale.ROOT, "#%d %s: %d x %s = %d cents (-%d%%)",
                                order.id(), order.customer(), order.quantity(), order.item(), total, discount);
                    });
            Flux<String> back = asFlux(priced); // a Flux again, for Reactor code downstream
            List<String> lines = back.collectList().block(Duration.ofSeconds(30));
            long ms = Out.millisSince(t0);
            out.line("source: SELECT over R2DBC (H2 in memory, r2dbc-pool) as a Flux<Order> of %d rows", OrderRepository.SEED_ORDERS);
            out.line("each row: a 10 ms Mono (a discount lookup) awaited by the flow, then the next row is requested");
            out.line("result Flux: %d lines in %,d ms (sequential: %d x 10 ms = %d ms of waiting)",
                    lines.size(), ms, lines.size(), lines.size() * 10);
            for (String line : lines.subList(0, 3)) {
                out.line("  %s", line);
            }
            out.line("the flow ran in %s; during each wait that carrier was free for other coroutines", where.get(0));
        }
    }

    private static Mono<Long> discountFor(Order order, Duration latency) {
        return Mono.delay(latency).map(tick -> order.quantity() >= 3 ? 10L : 0L);
    }

    // ------------------------------------------------------------------ 2

    void writingFlows() {
        out.section("2. Writing flows");
        out.line("a flow{} producing 5 numbers without pause, a collector taking 100 ms for each (P3@200: produced 3 at +200 ms,");
        out.line("C3: collected 3):");
        out.line("  without buffer, the producer waits for the collector: %s", timeline(0));
        out.line("  with buffer(2), it runs ahead until 2 wait, then waits: %s", timeline(2));

        List<Long> squares = Coroutines.runBlocking(() -> Flow.range(1, 1_000_000)
                .filter(i -> i % 3 == 0)
                .map(i -> (long) i * i)
                .take(4)
                .toList());
        out.line("operators: range(1, 1,000,000).filter(i %% 3 == 0).map(i * i).take(4) = %s (take(4) stopped the range after 12)",
                squares);

        String[] threads = Coroutines.runBlocking(() -> {
            String[] seen = new String[2];
            Flow.<String>flow(o -> o.emit(Out.where()))
                    .flowOn(Dispatchers.IO)
                    .collect(producer -> {
                        seen[0] = producer;
                        seen[1] = Out.where();
                    });
            return seen;
        });
        out.line("flowOn(IO): the producer ran in %s, the collector in %s", threads[0], threads[1]);

        AtomicInteger attempts = new AtomicInteger();
        List<String> retried = Coroutines.runBlocking(() -> Flow.<String>flow(o -> {
            int n = attempts.incrementAndGet();
            if (n < 3) {
                throw new IOException("attempt " + n + " failed");
            }
            o.emit("answer on attempt " + n);
        }).retry(3).toList());
        out.line("retry(3): a flow failing twice with IOException delivered %s", retried);

        List<Integer> caught = Coroutines.runBlocking(() -> Flow.<Integer>flow(o -> {
            o.emit(1);
            o.emit(2);
            throw new IllegalStateException("sensor offline");
        }).catchError((error, o) -> o.emit(-1)).toList());
        out.line("catchError: 1, 2, then IllegalStateException(\"sensor offline\") replaced by -1: %s", caught);
    }

    /** Runs the producer/collector pair and returns "P1@0 C1@100 P2@100 ..." (P produced, C collected, ms). */
    private static String timeline(int buffer) {
        long t0 = System.nanoTime();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Flow<Integer> fast = Flow.flow(o -> {
            for (int i = 1; i <= 5; i++) {
                events.add("P" + i + "@" + Out.millisSince(t0));
                o.emit(i); // suspends until the collector (or the buffer) takes it
            }
        });
        Flow<Integer> source = buffer > 0 ? fast.buffer(buffer) : fast;
        Coroutines.runBlocking(() -> {
            source.collect(i -> {
                Coroutines.delay(Duration.ofMillis(100));
                events.add("C" + i + "@" + Out.millisSince(t0));
            });
            return null;
        });
        return String.join(" ", events);
    }

    // ------------------------------------------------------------------ 3

    void rxJavaInterop() {
        out.section("3. RxJava interop");
        Flowable<Long> pricesInCents = Flowable.just(1_200L, 450L, 9_900L, 75L);
        Single<Double> usdPerEur = Single.just(1.08).delay(20, TimeUnit.MILLISECONDS);
        long t0 = System.nanoTime();
        Flowable<String> inDollars = RxFlows.asFlowable(Flow.flow(o -> {
            double rate = RxFlows.await(usdPerEur);                 // the Single, awaited
            RxFlows.asFlow(pricesInCents)                           // the Flowable, as a flow
                    .map(cents -> String.format(Locale.ROOT, "%d EUR cents = %d USD cents", cents, Math.round(cents * rate)))
                    .collect(o::emit);
        }));
        List<String> result = inDollars.toList().blockingGet();    // a Flowable again
        out.line("Flowable of 4 prices + Single exchange rate (20 ms) -> Flowable, in %d ms:", Out.millisSince(t0));
        for (String line : result) {
            out.line("  %s", line);
        }
    }

    // ------------------------------------------------------------------ 4

    void structuredConcurrency() {
        out.section("4. Structured concurrency");
        long t0 = System.nanoTime();
        String profile = Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofSeconds(2),
                () -> Coroutines.coroutineScope(scope -> {
                    Deferred<String> user = scope.async(() -> call(100, "ada"));
                    Deferred<Integer> orders = scope.async(() -> call(120, 4));
                    Deferred<String> tier = scope.async(() -> call(80, "gold"));
                    return user.await() + ", " + orders.await() + " orders, " + tier.await();
                })));
        out.line("three calls of 100, 120 and 80 ms as parallel async under withTimeout(2 s): \"%s\" in %d ms",
                profile, Out.millisSince(t0));

        long t1 = System.nanoTime();
        String late = Coroutines.runBlocking(() -> Coroutines.withTimeoutOrNull(Duration.ofMillis(50),
                () -> Coroutines.coroutineScope(scope -> scope.async(() -> call(10_000, "late")).await())));
        out.line("the same with a 10 s call under withTimeoutOrNull(50 ms): %s after %d ms, the call cancelled",
                late, Out.millisSince(t1));

        long t2 = System.nanoTime();
        List<String> cancelled = Collections.synchronizedList(new ArrayList<>());
        String failure;
        try {
            Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                for (String name : List.of("inventory", "shipping")) {
                    scope.launch(() -> {
                        try {
                            Coroutines.delay(Duration.ofSeconds(5));
                        } finally {
                            cancelled.add(name + " cancelled at +" + Out.millisSince(t2) + " ms");
                        }
                    });
                }
                Job payment = scope.launch(() -> {
                    Coroutines.delay(Duration.ofMillis(50));
                    throw new IllegalStateException("payment service down");
                });
                return payment;
            }));
            failure = "none";
        } catch (IllegalStateException e) {
            failure = e.getMessage();
        }
        out.line("three children, 'payment' fails at 50 ms while 'inventory' and 'shipping' wait 5 s:");
        out.line("  %s; the scope rethrew \"%s\" at +%d ms", String.join(", ", cancelled), failure, Out.millisSince(t2));
    }

    private static <T> T call(long millis, T result) {
        Coroutines.delay(Duration.ofMillis(millis));
        return result;
    }
}
