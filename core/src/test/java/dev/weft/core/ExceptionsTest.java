package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExceptionsTest {

    @Test
    void checkedExceptionsAreWrappedInCompletionException() {
        IOException io = new IOException("disk");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            throw io;
        })).isInstanceOf(CompletionException.class).hasCause(io);
        assertThatThrownBy(() -> Coroutines.coroutineScope(scope -> {
            throw io;
        })).isInstanceOf(CompletionException.class).hasCause(io);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope ->
                scope.async(() -> {
                    throw io;
                }).await()))).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void uncheckedExceptionsAndErrorsAreRethrownAsTheyAre() {
        IllegalStateException ise = new IllegalStateException("state");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            throw ise;
        })).isSameAs(ise);
        AssertionError err = new AssertionError("error");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.withContext(Dispatchers.IO, () -> {
            throw err;
        }))).isSameAs(err);
    }

    @Test
    void checkedExceptionIsNotWrappedTwiceAcrossNesting() {
        IOException io = new IOException("deep");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(s1 ->
                Coroutines.withContext(Dispatchers.IO, () -> Coroutines.coroutineScope(s2 -> {
                    throw io;
                })))))
                .isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void awaitOfACancelledDeferredThrowsCancellation() {
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Integer> d = scope.async(() -> {
                Coroutines.delay(Duration.ofSeconds(30));
                return 1;
            });
            d.cancel();
            assertThatThrownBy(d::await).isInstanceOf(CancellationException.class);
            assertThat(scope.isActive()).as("cancelling a child does not cancel the parent").isTrue();
            return null;
        }));
    }

    @Test
    void asCompletableFutureCarriesValueFailureAndCancellation() throws Exception {
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            assertThat(scope.async(() -> "v").asCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("v");

            IOException io = new IOException("x");
            CompletableFuture<Object> failed = scope.async(() -> {
                throw io;
            }).asCompletableFuture();
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(io);

            CountDownLatch started = new CountDownLatch(1);
            Deferred<String> slow = scope.async(() -> {
                started.countDown();
                Coroutines.delay(Duration.ofSeconds(30));
                return "late";
            });
            CompletableFuture<String> cf = slow.asCompletableFuture();
            started.await();
            cf.cancel(true);
            slow.join();
            assertThat(slow.isCancelled()).as("cancelling the future cancels the deferred").isTrue();
        }
    }
}
