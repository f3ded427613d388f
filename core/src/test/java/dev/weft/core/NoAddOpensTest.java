package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the Surefire execution {@code no-add-opens}, whose JVM lacks
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
@Tag("no-add-opens")
class NoAddOpensTest {

    @Test
    void theJvmReallyLacksTheFlag() {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments())
                .noneMatch(a -> a.contains("java.base/java.lang"));
    }

    @Test
    void sharedDispatchersFallBackToTheJdkSchedulerWithTheSameSemantics() {
        assertThat(Dispatchers.DEFAULT.ownsCarriers()).isFalse();
        assertThat(Dispatchers.IO.ownsCarriers()).isFalse();
        int sum = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Integer> a = scope.async(() -> {
                Coroutines.delay(Duration.ofMillis(5));
                return 1;
            });
            Deferred<Integer> b = scope.async(Dispatchers.IO, () -> 2);
            assertThat(Thread.currentThread().isVirtual()).isTrue();
            return a.await() + b.await();
        }));
        assertThat(sum).isEqualTo(3);
        assertThat(Coroutines.runBlocking(() -> Coroutines.withTimeoutOrNull(Duration.ofMillis(10), () -> {
            Coroutines.delay(Duration.ofSeconds(10));
            return "late";
        }))).isNull();
    }

    @Test
    void confiningDispatchersFailFastNamingTheFlag() {
        assertThatThrownBy(() -> Dispatchers.newSingleThread("s"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--add-opens java.base/java.lang=ALL-UNNAMED");
        assertThatThrownBy(() -> Dispatchers.newFixed(2, "f"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--add-opens java.base/java.lang=ALL-UNNAMED");
        assertThatThrownBy(() -> Dispatchers.from(Runnable::run))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("--add-opens java.base/java.lang=ALL-UNNAMED");
    }
}
