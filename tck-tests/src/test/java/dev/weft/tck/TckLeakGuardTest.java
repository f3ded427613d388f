package dev.weft.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineName;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.OwnedScope;
import dev.weft.core.internal.CoroutineImpl;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The leak check of the TCK classes finds a coroutine that outlives its test, and only then. */
class TckLeakGuardTest {

    @Test
    void reportsACoroutineThatOutlivesTheGracePeriod() throws Exception {
        Set<CoroutineImpl<?>> before = Tck.snapshot();
        CountDownLatch release = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(CoroutineName.of("stubborn"), () -> {
                // ignores cancellation until released, like a bridge bug would
                boolean done = false;
                while (!done) {
                    try {
                        release.await();
                        done = true;
                    } catch (InterruptedException e) {
                        Thread.interrupted();
                    }
                }
            });
            AssertionError leak = Tck.leaked(before, 100);
            assertThat(leak).isNotNull();
            assertThat(leak.getMessage()).contains("1 weft coroutine(s)").contains("stubborn");
            release.countDown();
        }
        assertThat(Tck.leaked(before, 2000)).isNull();
    }

    @Test
    void harnessCoroutinesEndWhenCancelled() {
        Set<CoroutineImpl<?>> before = Tck.snapshot();
        Tck.Harness harness = new Tck.Harness();
        harness.launch(() -> Thread.sleep(60_000));
        harness.cancel();
        assertThat(Tck.leaked(before, 2000)).isNull();
        harness.close();
    }
}
