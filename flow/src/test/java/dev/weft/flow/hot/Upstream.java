package dev.weft.flow.hot;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A cold upstream that counts its collections, emits fixed values and then stays active. */
final class Upstream {
    final AtomicInteger collections = new AtomicInteger();
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger emitted = new AtomicInteger();
    final Flow<Integer> flow;

    Upstream(int count) {
        this.flow = c -> {
            collections.incrementAndGet();
            active.incrementAndGet();
            try {
                for (int i = 1; i <= count; i++) {
                    c.emit(i);
                    emitted.incrementAndGet();
                }
                Coroutines.delay(Duration.ofHours(1)); // stays subscribed until cancelled
            } finally {
                active.decrementAndGet();
            }
        };
    }
}
