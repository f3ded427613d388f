package dev.weft.flow.hot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.OwnedScope;
import dev.weft.flow.Flow;
import dev.weft.flow.SharedFlow;
import dev.weft.flow.SharingStarted;
import dev.weft.flow.StateFlow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sharing operators as users reach them: default methods of {@link Flow}. */
class SharingOperatorsTest {

    @Test
    void shareInIsOneUpstreamCollectionForAllSubscribers() throws Exception {
        AtomicInteger collections = new AtomicInteger();
        Flow<Integer> cold = Flow.defer(() -> {
            collections.incrementAndGet();
            return Flow.of(1, 2, 3);
        });
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            SharedFlow<Integer> shared = cold.shareIn(scope, SharingStarted.EAGERLY, 3);
            assertThat(shared.take(3).toList()).containsExactly(1, 2, 3);
            assertThat(shared.take(3).toList()).containsExactly(1, 2, 3);
            assertThat(collections).hasValue(1);
        }
    }

    @Test
    void stateInHoldsTheLatestValue() throws Exception {
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            StateFlow<Integer> state = Flow.of(1, 2, 3).stateIn(scope);
            assertThat(state.filter(v -> v == 3).first()).isEqualTo(3);
            StateFlow<String> lazy = Flow.of("x").stateIn(scope, SharingStarted.LAZILY, "initial");
            assertThat(lazy.value()).isEqualTo("initial");
            assertThat(lazy.filter("x"::equals).first()).isEqualTo("x");
        }
    }

    @Test
    void badArgumentsAreRejectedAtAssembly() {
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            assertThatThrownBy(() -> Flow.of(1).shareIn(scope, SharingStarted.EAGERLY, -1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Flow.of(1).shareIn(null, SharingStarted.EAGERLY, 0))
                    .isInstanceOf(NullPointerException.class);
        }
    }
}
