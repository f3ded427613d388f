package dev.weft.samples.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineDebug;
import dev.weft.samples.service.OrderService.Handlers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that disconnects from the streaming endpoint ends the server's work: the coroutine
 * producing the stream ends and the database query's connection goes back to the pool.
 */
class StreamingCancellationTest {

    @ParameterizedTest
    @EnumSource(Handlers.class)
    void disconnectingCancelsTheProducerAndItsQuery(Handlers h) throws Exception {
        try (OrderService service = OrderService.start(h)) {
            int coroutinesBefore = CoroutineDebug.liveCount();
            for (String format : List.of("sse", "ndjson")) {
                List<String> received = new ArrayList<>();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", service.baseUri().getPort()), 5_000);
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    // 24 orders at 500 ms each: the stream would run for about 12 s
                    out.write(("GET /orders/stream?everyMs=500&format=" + format + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    for (String line = in.readLine(); line != null && received.size() < 2; line = in.readLine()) {
                        if (line.contains("\"customer\"")) {
                            received.add(line);
                        }
                    }
                    assertThat(service.api().streamsInProgress()).isEqualTo(1);
                    if (h == Handlers.WEFT) {
                        assertThat(CoroutineDebug.liveCount()).as("the stream's coroutine is running").isGreaterThan(coroutinesBefore);
                    }
                    assertThat(service.repository().connectionsInUse()).as("the query holds its connection").isEqualTo(1);
                } // disconnects after two orders
                assertThat(received).hasSize(2);
                awaitStreamEnded(service);
                assertThat(CoroutineDebug.liveCount()).as("no coroutine left").isEqualTo(coroutinesBefore);
            }
        }
    }

    /**
     * The database fails in the middle of a stream: the client has its status line and the first
     * orders, then an error event (SSE) or line (NDJSON) with the 503 message, and the stream ends;
     * the producer and the query end with it.
     */
    @ParameterizedTest
    @EnumSource(Handlers.class)
    void aDatabaseFailureMidStreamEndsItWithAnErrorEvent(Handlers h) throws Exception {
        try (OrderService service = OrderService.start(h)) {
            for (String format : List.of("sse", "ndjson")) {
                List<String> lines = new ArrayList<>();
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", service.baseUri().getPort()), 5_000);
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("GET /orders/stream?everyMs=200&format=" + format + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    int orders = 0;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        if (line.contains("\"customer\"") && ++orders == 2) {
                            service.repository().failWith("disk on fire (injected)");
                        }
                        if (line.contains("\"error\"")) {
                            break;
                        }
                    }
                } finally {
                    service.repository().recover();
                }
                assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK");
                String error = lines.get(lines.size() - 1);
                assertThat(error).contains("{\"status\":503,\"error\":\"database unavailable: disk on fire (injected)\"}");
                if (format.equals("sse")) {
                    assertThat(lines.get(lines.size() - 2)).isEqualTo("event: error");
                }
                // rows read before the failure still arrive: one in the bridge's prefetch, one in the producer's
                // hand, one in Netty's outbound; the rest of the 24 are cut off by the failure
                assertThat(lines.stream().filter(l -> l.contains("\"customer\"")).count()).isBetween(2L, 5L);
                awaitStreamEnded(service);
            }
        }
    }

    /** Waits (at most 5 s) until no stream is produced and no query holds a connection. */
    static void awaitStreamEnded(OrderService service) throws InterruptedException {
        await(() -> service.api().streamsInProgress() == 0 && service.repository().connectionsInUse() == 0,
                () -> "streams " + service.api().streamsInProgress() + ", connections in use " + service.repository().connectionsInUse());
    }

    private static void await(BooleanSupplier condition, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server still working 5 s after the client left: " + state.get());
            }
            Thread.sleep(10);
        }
    }
}
