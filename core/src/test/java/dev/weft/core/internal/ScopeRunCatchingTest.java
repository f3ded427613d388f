package dev.weft.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ScopeJob#runCatching}: the root of the producers' raw failures. It reports how a
 * {@code coroutineScope} ended without weft's rethrow convention wrapping a checked failure.
 */
class ScopeRunCatchingTest {

    @Test
    void normalEndIsNull() {
        assertThat(Coroutines.runBlocking(() -> ScopeJob.runCatching(s -> {
            s.launch(() -> { });
            return "ignored";
        }))).isNull();
    }

    @Test
    void theBlocksCheckedFailureIsReturnedRawWhereCoroutineScopeWrapsIt() {
        IOException boom = new IOException("block");
        assertThat(Coroutines.runBlocking(() -> ScopeJob.runCatching(s -> {
            throw boom;
        }))).isSameAs(boom);
        Throwable wrapped = Coroutines.runBlocking(() -> {
            try {
                Coroutines.coroutineScope(s -> {
                    throw boom;
                });
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(wrapped).as("the public convention is unchanged").hasCause(boom);
    }

    @Test
    void aChildsCheckedFailureIsReturnedRawWithLaterOnesSuppressed() {
        IOException first = new IOException("child");
        Throwable t = Coroutines.runBlocking(() -> ScopeJob.runCatching(s -> {
            CountDownLatch failed = new CountDownLatch(1);
            s.launch(() -> {
                try {
                    throw first;
                } finally {
                    failed.countDown();
                }
            });
            failed.await(10, TimeUnit.SECONDS);
            Coroutines.delay(Duration.ofSeconds(10)); // cancelled by the child's failure
            return null;
        }));
        assertThat(t).isSameAs(first);
    }

    @Test
    void aCancelledScopeReturnsTheCancellation() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        Throwable[] outcome = new Throwable[1];
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job caller = scope.launch(() -> {
                outcome[0] = ScopeJob.runCatching(s -> {
                    inside.countDown();
                    Coroutines.delay(Duration.ofSeconds(30));
                    return null;
                });
            });
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            caller.cancel();
            caller.join();
        }
        assertThat(outcome[0]).isInstanceOf(CancellationException.class);
    }
}
