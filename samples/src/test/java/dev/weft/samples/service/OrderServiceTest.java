package dev.weft.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.samples.service.OrderService.Handlers;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each endpoint's happy path over real HTTP, for both ways of writing the handlers. */
class OrderServiceTest {
    private static final Map<Handlers, OrderService> SERVICES = new EnumMap<>(Handlers.class);
    private static final Map<Handlers, Http> CLIENTS = new EnumMap<>(Handlers.class);

    @BeforeAll
    static void start() {
        for (Handlers h : Handlers.values()) {
            OrderService service = OrderService.start(h);
            SERVICES.put(h, service);
            CLIENTS.put(h, new Http(service.baseUri()));
        }
    }

    @AfterAll
    static void stop() {
        CLIENTS.values().forEach(Http::close);
        SERVICES.values().forEach(OrderService::close);
    }

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void getsOneOrder(Handlers h) {
        Http.Reply r = CLIENTS.get(h).get("/orders/2");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.raw().headers().firstValue("content-type")).hasValue("application/json");
        JsonNode order = r.json();
        assertThat(order.get("id").asLong()).isEqualTo(2);
        assertThat(order.get("customer").asText()).isEqualTo("grace");
        assertThat(order.get("item").asText()).isEqualTo("coffee");
        assertThat(order.get("quantity").asInt()).isEqualTo(2);
        assertThat(order.get("unitPriceCents").asLong()).isEqualTo(175);
    }

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void listsOrdersFilteredAndLimited(Handlers h) {
        Http.Reply all = CLIENTS.get(h).get("/orders?limit=1000");
        assertThat(all.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        all.json().forEach(o -> ids.add(o.get("id").asLong()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(OrderRepository.SEED_ORDERS).isSorted()
                .startsWith(1L, 2L, 3L);

        Http.Reply ada = CLIENTS.get(h).get("/orders?customer=ada&limit=3");
        assertThat(ada.status()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        ada.json().forEach(o -> seen.add(o.get("id").asLong() + ":" + o.get("customer").asText()));
        assertThat(seen).containsExactly("1:ada", "7:ada", "13:ada");

        assertThat(CLIENTS.get(h).get("/orders?customer=nobody").json()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void createsAnOrderThatCanThenBeRead(Handlers h) {
        Http.Reply created = CLIENTS.get(h).post("/orders",
                "{\"customer\":\"edsger\",\"item\":\"chalk\",\"quantity\":7,\"unitPriceCents\":99}");
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(id).isGreaterThan(OrderRepository.SEED_ORDERS);
        assertThat(created.raw().headers().firstValue("location")).hasValue("/orders/" + id);

        JsonNode read = CLIENTS.get(h).get("/orders/" + id).json();
        assertThat(read.get("customer").asText()).isEqualTo("edsger");
        assertThat(read.get("item").asText()).isEqualTo("chalk");
        assertThat(read.get("quantity").asInt()).isEqualTo(7);
        assertThat(read.get("unitPriceCents").asLong()).isEqualTo(99);
        assertThat(SERVICES.get(h).repository().find(id).block(Http.TIMEOUT)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void streamsEveryOrderAsServerSentEvents(Handlers h) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(CLIENTS.get(h).uri("/orders/stream?everyMs=0")).timeout(Http.TIMEOUT).build();
        HttpResponse<String> r = CLIENTS.get(h).client().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<Long> ids = new ArrayList<>();
        for (String event : r.body().split("\n\n")) {
            List<String> lines = event.lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(1)).isEqualTo("event: order");
            long id = Long.parseLong(lines.get(0).substring("id: ".length()));
            assertThat(Http.MAPPER.readTree(lines.get(2).substring("data: ".length())).get("id").asLong()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(OrderRepository.SEED_ORDERS).isSorted().doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void streamsNdjsonChosenByQueryOrAcceptHeader(Handlers h) throws Exception {
        for (HttpRequest request : List.of(
                HttpRequest.newBuilder(CLIENTS.get(h).uri("/orders/stream?everyMs=0&format=ndjson")).timeout(Http.TIMEOUT).build(),
                HttpRequest.newBuilder(CLIENTS.get(h).uri("/orders/stream?everyMs=0")).timeout(Http.TIMEOUT)
                        .header("Accept", "application/x-ndjson").build())) {
            HttpResponse<String> r = CLIENTS.get(h).client().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/x-ndjson");
            List<String> lines = r.body().lines().toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(OrderRepository.SEED_ORDERS);
            assertThat(Http.MAPPER.readTree(lines.get(0)).get("id").asLong()).isEqualTo(1);
            assertThat(r.body()).endsWith("\n");
        }
    }

    /**
     * Flushed per event: with 400 ms between orders the whole stream takes about 10 s, yet the
     * first event reaches the client while the server is still producing the stream.
     */
    @ParameterizedTest
    @EnumSource(Handlers.class)
    void eachEventIsFlushedAsItIsProduced(Handlers h) throws Exception {
        OrderService service = SERVICES.get(h);
        HttpRequest request = HttpRequest.newBuilder(CLIENTS.get(h).uri("/orders/stream?everyMs=400&format=ndjson"))
                .timeout(Http.TIMEOUT).build();
        HttpResponse<InputStream> r = CLIENTS.get(h).client().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader body = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = body.readLine();
            assertThat(Http.MAPPER.readTree(first).get("id").asLong()).isEqualTo(1);
            assertThat(service.api().streamsInProgress()).as("stream still being produced").isEqualTo(1);
            String second = body.readLine();
            assertThat(Http.MAPPER.readTree(second).get("id").asLong()).isEqualTo(2);
            assertThat(service.api().streamsInProgress()).isEqualTo(1);
        }
        StreamingCancellationTest.awaitStreamEnded(service);
    }
}
