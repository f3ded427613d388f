package dev.weft.samples;

// README:quick-start
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.List;

public final class QuickStart {
    public static void main(String[] args) {
        steps().forEach(System.out::println);
    }

    static List<String> steps() {
        return Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Integer> answer = scope.async(() -> {
                Coroutines.delay(Duration.ofMillis(10)); // suspends: the carrier thread stays free
                return 42;
            });
            return Flow.range(1, 4)                      // 1, 2, 3
                    .map(i -> "step " + i + " of " + answer.await())
                    .flowOn(Dispatchers.IO)
                    .toList();
        }));
    }
}
// README:end
