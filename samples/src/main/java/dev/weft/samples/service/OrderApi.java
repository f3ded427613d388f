package dev.weft.samples.service;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the service's endpoints do, behind the HTTP layer of {@link OrderServer}: written once as
 * weft coroutines ({@link WeftOrderApi}) and once in plain Reactor operators
 * ({@link ReactorOrderApi}) so that the two can be compared on the same server.
 *
 * <p>Failures are signalled, never thrown: {@link ApiException} for a refused request (400, 404),
 * an {@link io.r2dbc.spi.R2dbcException} when the database fails (503).
 */
public interface OrderApi {
    /**
     * {@code GET /orders/{id}}.
     *
     * @param id the order's key
     * @return the order, or an {@link ApiException} (404)
     */
    Mono<Order> get(long id);

    /**
     * {@code GET /orders?customer=..&limit=..}: the orders by id, walked from the database.
     *
     * @param customer only this customer's orders, or all if null
     * @param limit at most this many
     * @return the orders
     */
    Mono<List<Order>> list(@Nullable String customer, int limit);

    /**
     * {@code POST /orders}: validates the JSON body and stores the order.
     *
     * @param body the request body (empty if none)
     * @return the stored order, or an {@link ApiException} (400) saying what is wrong
     */
    Mono<Order> create(Mono<String> body);

    /**
     * {@code GET /orders/stream}: every order, one each {@code every}, as the client takes them.
     * Cancelling the Flux (a client that disconnects) ends the query.
     *
     * @param every the pause between two orders
     * @return the orders
     */
    Flux<Order> stream(Duration every);

    /**
     * Returns how many streams are being produced right now.
     *
     * @return the count
     */
    int streamsInProgress();
}
