package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class BadInputTest {

    @Test
    void nullBlocksAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> Coroutines.runBlocking(null)).isInstanceOf(NullPointerException.class).hasMessage("block");
        assertThatThrownBy(() -> Coroutines.runBlocking(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("dispatcher");
        assertThatThrownBy(() -> Coroutines.coroutineScope(null)).isInstanceOf(NullPointerException.class).hasMessage("block");
        assertThatThrownBy(() -> Coroutines.supervisorScope(null)).isInstanceOf(NullPointerException.class).hasMessage("block");
        assertThatThrownBy(() -> Coroutines.withContext(Dispatchers.IO, null)).isInstanceOf(NullPointerException.class).hasMessage("block");
        assertThatThrownBy(() -> Coroutines.withContext(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("dispatcher");
        assertThatThrownBy(() -> Coroutines.withTimeout(Duration.ZERO, null)).isInstanceOf(NullPointerException.class).hasMessage("block");
        assertThatThrownBy(() -> Coroutines.withTimeout(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> Coroutines.withTimeoutOrNull(null, () -> 1)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> Coroutines.delay(null)).isInstanceOf(NullPointerException.class).hasMessage("duration");
        assertThatThrownBy(() -> Coroutines.nonCancellable(null)).isInstanceOf(NullPointerException.class).hasMessage("block");
        assertThatThrownBy(() -> CoroutineScope.of(null)).isInstanceOf(NullPointerException.class).hasMessage("dispatcher");
        assertThatThrownBy(() -> CoroutineName.of(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
        assertThatThrownBy(() -> CoroutineName.of("")).isInstanceOf(IllegalArgumentException.class);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            assertThatThrownBy(() -> scope.launch(null)).isInstanceOf(NullPointerException.class).hasMessage("block");
            assertThatThrownBy(() -> scope.async((Callable<Object>) null)).isInstanceOf(NullPointerException.class).hasMessage("block");
            assertThatThrownBy(() -> scope.launch(null, () -> { })).isInstanceOf(NullPointerException.class).hasMessage("context");
            assertThatThrownBy(() -> scope.job().invokeOnCompletion(null)).isInstanceOf(NullPointerException.class).hasMessage("handler");
        }
    }
}
