package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@link Coroutines#withContext(CoroutineContext, java.util.concurrent.Callable)}: added elements. */
class WithContextElementsTest {

    private record Tag(String value) implements CoroutineContext.Element {
        static final CoroutineContext.Key<Tag> KEY = new CoroutineContext.Key<>("Tag");

        @Override
        public CoroutineContext.Key<?> key() {
            return KEY;
        }
    }

    private static final ThreadLocal<String> LOCAL = new ThreadLocal<>();

    @Test
    void elementsAreAddedInPlaceForTheBlockAndItsChildrenThenRemoved() {
        Coroutines.runBlocking(() -> {
            Thread caller = Thread.currentThread();
            LOCAL.set("caller's");
            AtomicReference<Tag> inChild = new AtomicReference<>();
            String r = Coroutines.withContext(new Tag("outer"), () -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                assertThat(LOCAL.get()).isEqualTo("caller's");
                String inner = Coroutines.withContext(new Tag("inner"),
                        () -> Coroutines.currentContext().get(Tag.KEY).value());
                assertThat(inner).isEqualTo("inner");
                Coroutines.coroutineScope(s -> s.launch(() -> inChild.set(Coroutines.currentContext().get(Tag.KEY))));
                return Coroutines.currentContext().get(Tag.KEY).value();
            });
            assertThat(r).isEqualTo("outer");
            assertThat(inChild.get()).isEqualTo(new Tag("outer"));
            assertThat(Coroutines.currentContext().get(Tag.KEY)).isNull();
            return null;
        });
    }

    @Test
    void anotherDispatcherRunsTheBlockThereWithTheElements() {
        try (CloseableDispatcher d = Dispatchers.newSingleThread("wce-other")) {
            String r = Coroutines.runBlocking(() -> Coroutines.withContext(d.plus(new Tag("t")),
                    () -> Coroutines.currentContext().get(Tag.KEY).value() + "@" + Coroutines.currentContext().dispatcher().name()));
            assertThat(r).isEqualTo("t@wce-other");
        }
    }

    @Test
    void worksFromAPlatformThreadAndRethrowsTheBlocksFailure() {
        assertThat(Coroutines.withContext(new Tag("p"), () -> Coroutines.currentContext().get(Tag.KEY).value()))
                .isEqualTo("p");
        assertThatThrownBy(() -> Coroutines.withContext(new Tag("p"), () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void cancellingTheCallerCancelsTheBlock() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job j = scope.launch(() -> Coroutines.withContext(new Tag("c"), () -> {
                try {
                    Coroutines.delay(Duration.ofSeconds(30));
                } catch (CancellationException e) {
                    cancelled.set(true);
                    throw e;
                }
                return null;
            }));
            Coroutines.delay(Duration.ofMillis(20));
            j.cancel();
            j.join();
            return null;
        }));
        assertThat(cancelled).isTrue();
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> Coroutines.withContext((CoroutineContext) null, () -> 1))
                .isInstanceOf(NullPointerException.class).hasMessage("context");
        assertThatThrownBy(() -> Coroutines.withContext(new Tag("x"), null))
                .isInstanceOf(NullPointerException.class).hasMessage("block");
    }
}
