package dev.weft.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.samples.service.OrderService.Handlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 400 / 404 / 503 with a message, recovery after a database failure, and no acknowledged order lost. */
class ErrorMappingTest {

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void refusedRequestsSayWhy(Handlers h) {
        try (OrderService service = OrderService.start(h); Http http = new Http(service.baseUri())) {
            expect(http.get("/orders/999"), 404, "order 999 not found");
            expect(http.get("/orders/abc"), 400, "order id must be a whole number, got 'abc'");
            expect(http.get("/orders/12345678901234567890"), 400, "order id must be a whole number");
            expect(http.get("/orders?limit=0"), 400, "limit must be a whole number from 1 to 1000, got '0'");
            expect(http.get("/orders?limit=x"), 400, "limit must be a whole number from 1 to 1000, got 'x'");
            expect(http.get("/orders/stream?everyMs=-1"), 400, "everyMs must be a whole number from 0 to 60000");
            expect(http.get("/orders/stream?format=xml"), 400, "format must be sse or ndjson, got 'xml'");

            expect(http.post("/orders", "{\"customer\": \"ada\", "), 400, "malformed JSON: Unexpected end-of-input");
            expect(http.post("/orders", "not json"), 400, "malformed JSON: ");
            expect(http.post("/orders", ""), 400, "malformed JSON: expected an object");
            expect(http.post("/orders", "[1,2]"), 400, "malformed JSON: expected an object");
            expect(http.post("/orders", "{\"customer\":\" \",\"item\":\"tea\",\"quantity\":0,\"unitPriceCents\":\"5\",\"color\":1}"), 400,
                    "invalid order: customer: must be a non-blank string of at most 100 characters; "
                            + "quantity: must be a whole number from 1 to 1000; "
                            + "unitPriceCents: must be a whole number from 1 to 10000000; color: unknown field");
            expect(http.post("/orders", "{\"customer\":\"ada\",\"item\":\"" + "x".repeat(101) + "\",\"quantity\":1001,\"unitPriceCents\":1}"), 400,
                    "invalid order: item: must be a non-blank string of at most 100 characters; quantity: must be a whole number from 1 to 1000");
            // nothing invalid was stored
            assertThat(service.repository().count().block(Http.TIMEOUT)).isEqualTo(OrderRepository.SEED_ORDERS);
        }
    }

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void databaseFailureIs503UntilItRecovers(Handlers h) {
        try (OrderService service = OrderService.start(h); Http http = new Http(service.baseUri())) {
            assertThat(http.get("/orders/1").status()).isEqualTo(200);
            service.repository().failWith("connection refused (injected)");
            try {
                String message = "database unavailable: connection refused (injected)";
                expect(http.get("/orders/1"), 503, message);
                expect(http.get("/orders"), 503, message);
                expect(http.post("/orders", ServiceClient.NEW_ORDER), 503, message);
                // a refused request is still refused for its own reason first
                expect(http.get("/orders/abc"), 400, "order id must be a whole number");
                expect(http.get("/orders/stream?everyMs=0&format=ndjson"), 503, message);
                expect(http.get("/orders/stream?everyMs=0"), 503, message);
            } finally {
                service.repository().recover();
            }
            assertThat(http.get("/orders/1").json().get("customer").asText()).isEqualTo("ada");
            Http.Reply created = http.post("/orders", ServiceClient.NEW_ORDER);
            assertThat(created.status()).isEqualTo(201);
            assertThat(http.get("/orders/" + created.json().get("id").asLong()).status()).isEqualTo(200);
        }
    }

    /**
     * 400 orders posted by 16 clients while the database fails and recovers three times: every
     * order answered 201 is in the database, every other one was answered 503, and nothing else.
     */
    @ParameterizedTest
    @EnumSource(Handlers.class)
    void noAcknowledgedOrderIsLostAcrossFailures(Handlers h) throws Exception {
        try (OrderService service = OrderService.start(h); Http http = new Http(service.baseUri());
             var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                workers.add(clients.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        sent.incrementAndGet();
                        Http.Reply r = http.post("/orders", "{\"customer\":\"c" + client + "\",\"item\":\"i" + i
                                + "\",\"quantity\":1,\"unitPriceCents\":100}");
                        if (r.status() == 201) {
                            acknowledged.add(r.json().get("id").asLong());
                        } else {
                            assertThat(r.status()).as(r.body()).isEqualTo(503);
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            var faults = clients.submit(() -> {
                for (int round = 0; round < 3 && !done.get(); round++) {
                    Thread.sleep(30);
                    service.repository().failWith("injected outage " + round);
                    Thread.sleep(30);
                    service.repository().recover();
                }
                return null;
            });
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            faults.get(10, TimeUnit.SECONDS);
            service.repository().recover();

            assertThat(acknowledged.size() + refused.get()).isEqualTo(sent.get()).isEqualTo(400);
            assertThat(acknowledged).isNotEmpty();
            for (long id : acknowledged) {
                assertThat(service.repository().find(id).block(Duration.ofSeconds(5))).as("order %d", id).isNotNull();
            }
            assertThat(service.repository().count().block(Http.TIMEOUT))
                    .isEqualTo(OrderRepository.SEED_ORDERS + acknowledged.size());
        }
    }

    private static void expect(Http.Reply reply, int status, String messageStart) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("content-type")).hasValue("application/json");
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).startsWith(messageStart);
    }
}
