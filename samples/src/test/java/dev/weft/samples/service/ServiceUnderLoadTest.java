package dev.weft.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.samples.service.OrderService.Handlers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 requests from 200 concurrent clients, every answer checked against the database, and
 * every acknowledged order stored. Throughput and latency are measured by {@link LoadTest#main}
 * (recorded in docs/benchmarks.md), never asserted here.
 */
class ServiceUnderLoadTest {

    @ParameterizedTest
    @EnumSource(Handlers.class)
    @Timeout(240)
    void tenThousandRequestsFromTwoHundredClientsAllAnsweredCorrectly(Handlers h) throws Exception {
        try (OrderService service = OrderService.start(h)) {
            LoadTest.Result result = LoadTest.run(service, 10_000, 200);
            assertThat(result.failures()).isEmpty();
            assertThat(result.correct()).isEqualTo(10_000);
            assertThat(result.latencyNanos()).hasSize(10_000);
            assertThat(result.latencyNanos()[0]).as("smallest latency (sorted)").isPositive();
            // every tenth request created an order: all 1,000 are in the database
            assertThat(service.repository().count().block(Http.TIMEOUT)).isEqualTo(OrderRepository.SEED_ORDERS + 1_000L);
            assertThat(service.repository().connectionsInUse()).isZero();
        }
    }
}
