package dev.weft.samples;

// README:imports
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.channels.Channels;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
// README:end

/**
 * The code shown in README.md, kept here so that {@code ReadmeExamplesTest} compiles and runs it:
 * a README example that stops compiling fails the build.
 */
public final class ReadmeExamples {
    private ReadmeExamples() {
    }

    /**
     * README "Coroutines": two calls run concurrently, a third is given 50 ms.
     *
     * @return the summary line
     */
    public static String structuredConcurrency() {
        // README:structured-concurrency
        String summary = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<String> user = scope.async(() -> loadUser());      // runs concurrently
            Deferred<Integer> orders = scope.async(() -> countOrders()); // runs concurrently
            String hint = Coroutines.withTimeoutOrNull(Duration.ofMillis(50), () -> slowHint());
            return user.await() + " has " + orders.await() + " orders" + (hint == null ? "" : ", " + hint);
        }));
        // if countOrders() fails, loadUser() is cancelled and the failure is rethrown here
        // README:end
        return summary;
    }

    /**
     * README "Flows": a Flux processed step by step as a flow, handed back as a Flux.
     *
     * @return what the resulting Flux emitted
     */
    public static List<String> fluxToFlowAndBack() {
        // README:flux-round-trip
        Flux<Integer> orders = Flux.range(1, 10);                       // any Publisher
        Flow<String> labelled = ReactiveFlows.asFlow(orders)            // requests 256, refills at 75%
                .filter(n -> n % 2 == 0)
                .map(n -> {
                    Coroutines.delay(Duration.ofMillis(1));              // suspends, never blocks a carrier
                    return "order-" + n;
                })
                .flowOn(Dispatchers.IO)                                 // upstream runs on IO
                .buffer(16);                                            // fused with flowOn: one channel
        Flux<String> back = Flux.from(ReactiveFlows.asPublisher(labelled)); // emits only against request(n)
        List<String> result = back.collectList().block();
        // README:end
        return result;
    }

    /**
     * README "Flows": awaiting a Mono in plain sequential code.
     *
     * @return the awaited value
     */
    public static String awaitMono() {
        // README:await-mono
        String greeting = Coroutines.runBlocking(() ->
                ReactiveFlows.awaitSingle(Mono.fromCallable(() -> "hello").delayElement(Duration.ofMillis(5))));
        // README:end
        return greeting;
    }

    /**
     * README "Flows": a flow written by hand, with backpressure for free.
     *
     * @return the collected squares
     */
    public static List<Integer> customFlow() {
        // README:custom-flow
        Flow<Integer> squares = Flow.flow(out -> {
            for (int i = 1; i <= 5; i++) {
                out.emit(i * i);   // suspends until the collector has taken the element
            }
        });
        List<Integer> collected = Coroutines.runBlocking(() -> squares.take(3).toList()); // [1, 4, 9]
        // README:end
        return collected;
    }

    /**
     * README "Channels": a producer coroutine and a consumer loop.
     *
     * @return the sum the consumer computed
     */
    public static int channels() {
        // README:channels
        int sum = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> numbers = Channels.produce(scope, Channel.BUFFERED, producer -> {
                for (int i = 1; i <= 100; i++) {
                    producer.send(i);      // suspends while the buffer is full
                }
            });                            // closed when the block returns
            int total = 0;
            for (int n : numbers) {        // receives until the channel is closed
                total += n;
            }
            return total;                  // 5050
        }));
        // README:end
        return sum;
    }

    private static String loadUser() throws InterruptedException {
        Thread.sleep(20); // blocking calls park the coroutine
        return "ada";
    }

    private static int countOrders() {
        Coroutines.delay(Duration.ofMillis(20));
        return 3;
    }

    private static String slowHint() {
        Coroutines.delay(Duration.ofSeconds(10));
        return "never";
    }
}
