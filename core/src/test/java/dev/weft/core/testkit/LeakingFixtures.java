package dev.weft.core.testkit;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tests that misbehave on purpose, run only through the JUnit engine test kit by
 * {@link NoLeakedCoroutinesTest} (the class name does not match Surefire's test patterns).
 */
class LeakingFixtures {

    static volatile boolean enabled;

    @Test
    void leavesACoroutineRunning() {
        if (!enabled) {
            return;
        }
        CoroutineScope.of(Dispatchers.DEFAULT).launch(() -> Coroutines.delay(Duration.ofMinutes(5)));
    }

    @Test
    void cleansUpAfterItself() {
        try (var scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            scope.launch(() -> Coroutines.delay(Duration.ofMinutes(5)));
        }
    }

    @Test
    void coroutineFinishingJustAfterTheTestIsNotALeak() {
        CoroutineScope.of(Dispatchers.DEFAULT).launch(() -> Coroutines.delay(Duration.ofMillis(50)));
    }
}
