package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwaitTest {
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private static <T> T inCoroutine(java.util.concurrent.Callable<T> c) {
        return Coroutines.runBlocking(c);
    }

    @Test
    void awaitFirstRequestsOneAndCancelsAfterIt() {
        RangePublisher p = new RangePublisher(5, 100);
        assertThat(inCoroutine(() -> ReactiveFlows.awaitFirst(p))).isEqualTo(5);
        assertThat(p.requests).containsExactly(1L);
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void awaitFirstOnEmptyThrowsNoSuchElement() {
        assertThatThrownBy(() -> inCoroutine(() -> ReactiveFlows.awaitFirst(new RangePublisher(0, 0))))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("awaitFirst");
    }

    @Test
    void awaitFirstOrNullReturnsNullForEmptyAndTheFirstOtherwise() {
        assertThat(inCoroutine(() -> ReactiveFlows.awaitFirstOrNull(new RangePublisher(0, 0)))).isNull();
        RangePublisher p = new RangePublisher(3, 10, executor);
        assertThat(inCoroutine(() -> ReactiveFlows.awaitFirstOrNull(p))).isEqualTo(3);
        assertThat(p.cancels).hasValue(1);
    }

    @Test
    void awaitLastRequestsEverythingAndReturnsTheLast() {
        RangePublisher p = new RangePublisher(0, 1000, executor);
        assertThat(inCoroutine(() -> ReactiveFlows.awaitLast(p))).isEqualTo(999);
        assertThat(p.requests).containsExactly(Long.MAX_VALUE);
        assertThat(p.cancels).as("§2.4: no cancel after onComplete").hasValue(0);
        assertThatThrownBy(() -> inCoroutine(() -> ReactiveFlows.awaitLast(new RangePublisher(0, 0))))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("awaitLast");
    }

    @Test
    void awaitSingle() {
        assertThat(inCoroutine(() -> ReactiveFlows.awaitSingle(new RangePublisher(7, 1)))).isEqualTo(7);
        assertThatThrownBy(() -> inCoroutine(() -> ReactiveFlows.awaitSingle(new RangePublisher(0, 0))))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("awaitSingle");
        RangePublisher two = new RangePublisher(0, 1000);
        assertThatThrownBy(() -> inCoroutine(() -> ReactiveFlows.awaitSingle(two)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one");
        assertThat(two.requests).containsExactly(2L);
        assertThat(two.cancels).hasValue(1);
    }

    @Test
    void errorsAreRethrownCheckedOnesWrapped() {
        IllegalStateException unchecked = new IllegalStateException("u");
        assertThatThrownBy(() -> inCoroutine(() -> ReactiveFlows.awaitFirst(
                new ManualPublisher<Integer>().onRequest((s, n) -> s.onError(unchecked))))).isSameAs(unchecked);
        IOException checked = new IOException("c");
        assertThatThrownBy(() -> inCoroutine(() -> ReactiveFlows.awaitLast(
                new ManualPublisher<Integer>().onRequest((s, n) -> s.onError(checked)))))
                .isInstanceOf(CompletionException.class).cause().isSameAs(checked);
    }

    @Test
    void errorAfterTheFirstElementDoesNotChangeAwaitFirst() {
        ManualPublisher<Integer> p = new ManualPublisher<Integer>().onRequest((s, n) -> {
            s.onNext(1);
            s.onError(new IllegalStateException("late"));
        });
        assertThat(inCoroutine(() -> ReactiveFlows.awaitFirst(p))).isEqualTo(1);
    }

    @Test
    void cancellingTheAwaitingCoroutineCancelsTheSubscription() throws Exception {
        ManualPublisher<Integer> p = new ManualPublisher<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Deferred<Integer> d = scope.async(() -> ReactiveFlows.awaitLast(p));
            p.awaitSubscribed();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.requests.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            d.cancel();
            assertThatThrownBy(d::await).isInstanceOf(CancellationException.class);
            p.awaitCancelled();
            assertThat(p.cancels).hasValue(1);
        }
    }

    @Test
    void awaitFromAPlatformThreadBlocksIt() {
        assertThat(ReactiveFlows.awaitLast(new RangePublisher(0, 10, executor))).isEqualTo(9);
    }

    @Test
    void theAwaitsOfAsPublisherRoundTrip() {
        String single = inCoroutine(() -> ReactiveFlows.awaitSingle(ReactiveFlows.<String>asPublisher(c -> c.emit("x"))));
        assertThat(single).isEqualTo("x");
        assertThat(inCoroutine(() -> ReactiveFlows.awaitFirst(ReactiveFlows.<Integer>asPublisher(c -> {
            for (int i = 0; ; i++) {
                c.emit(i); // infinite: awaitFirst's cancel ends it
            }
        })))).isEqualTo(0);
    }
}
