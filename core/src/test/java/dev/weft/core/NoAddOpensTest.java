package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.testkit.LogCapture;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs only in the Surefire execution {@code no-add-opens}, whose JVM lacks
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
 */
@Tag("no-add-opens")
class NoAddOpensTest {
    /** Open before any test touches {@link Dispatchers}: the fallback notice is logged then. */
    private static LogCapture log;

    @BeforeAll
    static void captureTheFallbackNotice() {
        log = LogCapture.of("dev.weft.core");
    }

    @AfterAll
    static void restoreLogging() {
        log.close();
    }

    @Test
    void theFallbackIsNoticedOnceNamingEveryDispatcherItAffects() {
        assertThat(Dispatchers.DEFAULT.ownsCarriers()).isFalse();
        assertThat(Dispatchers.IO.ownsCarriers()).isFalse();
        assertThatThrownBy(() -> Dispatchers.newSingleThread("s")).isInstanceOf(IllegalStateException.class);
        Coroutines.runBlocking(Dispatchers.IO, () -> Coroutines.withContext(Dispatchers.DEFAULT, () -> 1));
        LogRecord notice = log.awaitOnly(Level.INFO); // one notice per JVM
        assertThat(notice.getMessage())
                .contains("--add-opens java.base/java.lang=ALL-UNNAMED")
                .contains("Dispatchers.DEFAULT ('weft-default')")
                .contains("Dispatchers.IO ('weft-io')")
                .contains("newSingleThread");
    }

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
