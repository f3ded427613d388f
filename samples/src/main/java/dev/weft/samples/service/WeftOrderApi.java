package dev.weft.samples.service;

import static dev.weft.reactor.ReactorFlows.asFlow;
import static dev.weft.reactor.ReactorFlows.asFlux;
import static dev.weft.reactor.ReactorFlows.await;
import static dev.weft.reactor.ReactorFlows.awaitOrNull;
import static dev.weft.reactor.ReactorFlows.mono;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The endpoints written as weft coroutines: each handler reads top to bottom, awaiting the
 * database where a Reactor chain would {@code flatMap}.
 *
 * <p><b>Dispatcher:</b> each request's coroutine runs on {@link dev.weft.core.Dispatchers#DEFAULT};
 * the Netty event loop only subscribes. <b>Cancellation:</b> a client that goes away cancels the
 * subscription, which cancels the coroutine, which cancels the query it awaits.
 */
public final class WeftOrderApi implements OrderApi {
    private final OrderRepository repo;
    private final ObjectMapper mapper;
    private final AtomicInteger streams = new AtomicInteger();

    /**
     * Creates the handlers.
     *
     * @param repo the database
     * @param mapper the JSON mapper for request bodies
     */
    public WeftOrderApi(OrderRepository repo, ObjectMapper mapper) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    // README:service-handlers
    @Override
    public Mono<Order> get(long id) {
        return mono(() -> {                         // a coroutine per subscription, on Dispatchers.DEFAULT
            var order = awaitOrNull(repo.find(id)); // suspends until R2DBC answers; empty Mono: null
            if (order == null) {
                throw ApiException.notFound(id);    // the Mono fails: the HTTP layer answers 404
            }
            return order;
        });
    }

    @Override
    public Mono<List<Order>> list(@Nullable String customer, int limit) {
        return mono(() -> asFlow(repo.findAll())        // the R2DBC Flux, walked as a flow
                .filter(order -> customer == null || order.customer().equals(customer))
                .take(limit)                             // stops the query once enough rows came
                .toList());
    }

    @Override
    public Mono<Order> create(Mono<String> body) {
        return mono(() -> {
            String json = awaitOrNull(body);
            NewOrder order = NewOrder.parse(mapper, json == null ? "" : json); // 400 if malformed or invalid
            return await(repo.insert(order));                                  // acknowledged once committed
        });
    }

    // README:end

    @Override
    public Flux<Order> stream(Duration every) {
        Flow<Order> paced = Flow.flow(out -> {
            streams.incrementAndGet();
            try {
                // prefetch 1: the query reads a row only when the client has taken the previous one
                ReactiveFlows.asFlow(repo.findAll(), 1).withIndex().collect(indexed -> {
                    if (indexed.index() > 0) {
                        Coroutines.delay(every); // suspends; the carrier serves other requests meanwhile
                    }
                    out.emit(indexed.value());   // suspends until the client's connection takes it
                });
            } finally {
                streams.decrementAndGet();
            }
        });
        return asFlux(paced);
    }

    @Override
    public int streamsInProgress() {
        return streams.get();
    }
}
