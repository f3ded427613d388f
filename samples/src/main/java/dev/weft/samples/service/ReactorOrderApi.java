package dev.weft.samples.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The same endpoints as {@link WeftOrderApi} written in plain Reactor operators, for comparison
 * (the load test runs both in one JVM).
 */
public final class ReactorOrderApi implements OrderApi {
    private final OrderRepository repo;
    private final ObjectMapper mapper;
    private final AtomicInteger streams = new AtomicInteger();

    /**
     * Creates the handlers.
     *
     * @param repo the database
     * @param mapper the JSON mapper for request bodies
     */
    public ReactorOrderApi(OrderRepository repo, ObjectMapper mapper) {
        this.repo = Objects.requireNonNull(repo, "repo");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public Mono<Order> get(long id) {
        return repo.find(id).switchIfEmpty(Mono.error(() -> ApiException.notFound(id)));
    }

    @Override
    public Mono<List<Order>> list(@Nullable String customer, int limit) {
        return repo.findAll()
                .filter(order -> customer == null || order.customer().equals(customer))
                .take(limit)
                .collectList();
    }

    @Override
    public Mono<Order> create(Mono<String> body) {
        return body.defaultIfEmpty("")
                .map(json -> NewOrder.parse(mapper, json))
                .flatMap(repo::insert);
    }

    @Override
    public Flux<Order> stream(Duration every) {
        return repo.findAll()
                .index()
                .concatMap(indexed -> indexed.getT1() == 0
                        ? Mono.just(indexed.getT2())
                        : Mono.delay(every).thenReturn(indexed.getT2()), 1)
                .doOnSubscribe(s -> streams.incrementAndGet())
                .doFinally(signal -> streams.decrementAndGet());
    }

    @Override
    public int streamsInProgress() {
        return streams.get();
    }
}
