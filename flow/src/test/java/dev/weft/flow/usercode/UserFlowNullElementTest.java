package dev.weft.flow.usercode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A flow the application implements by hand (here: a lambda in an application package) that emits
 * null fails at its emit with a NullPointerException, whatever operator follows: the null never
 * reaches a mapper, a combiner or a time window.
 */
class UserFlowNullElementTest {

    static Stream<Arguments> operators() {
        return Stream.of(
                Arguments.of("map", (UnaryOperator<Flow<String>>) f -> f.map(s -> s)),
                Arguments.of("filter", (UnaryOperator<Flow<String>>) f -> f.filter(s -> true)),
                Arguments.of("onEach", (UnaryOperator<Flow<String>>) f -> f.onEach(s -> { })),
                Arguments.of("distinctUntilChanged", (UnaryOperator<Flow<String>>) Flow::distinctUntilChanged),
                Arguments.of("take", (UnaryOperator<Flow<String>>) f -> f.take(5)),
                Arguments.of("debounce", (UnaryOperator<Flow<String>>) f -> f.debounce(Duration.ofMillis(1))),
                Arguments.of("combine", (UnaryOperator<Flow<String>>) f -> Flow.combine(f, Flow.of("x"), (a, b) -> a + b)),
                Arguments.of("zip", (UnaryOperator<Flow<String>>) f -> Flow.of("x", "y").zip(f, (a, b) -> a + b)),
                Arguments.of("buffer", (UnaryOperator<Flow<String>>) Flow::buffer),
                Arguments.of("flatMapConcat (inner)", (UnaryOperator<Flow<String>>) f -> Flow.of(1).flatMapConcat(i -> f)),
                Arguments.of("flatMapMerge (inner)", (UnaryOperator<Flow<String>>) f -> Flow.of(1).flatMapMerge(i -> f)),
                Arguments.of("flatMapLatest (inner)", (UnaryOperator<Flow<String>>) f -> Flow.of(1).flatMapLatest(i -> f)),
                Arguments.of("merge", (UnaryOperator<Flow<String>>) f -> Flow.merge(f, Flow.empty())),
                Arguments.of("catchError", (UnaryOperator<Flow<String>>) f -> f.catchError((e, out) -> out.emit("caught"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void aNullEmittedByAHandWrittenFlowFailsAtItsEmit(String name, UnaryOperator<Flow<String>> operator) {
        AtomicBoolean mapperSawNull = new AtomicBoolean();
        Flow<String> handWritten = collector -> {
            collector.emit("a");
            collector.emit(null);
        };
        Flow<String> chain = operator.apply(handWritten).onEach(s -> {
            if (s == null || s.contains("null")) {
                mapperSawNull.set(true);
            }
        });
        if (name.equals("catchError")) {
            // the handler sees the NPE (an upstream failure) and may recover: it must be that NPE
            assertThat(Coroutines.runBlocking(chain::toList)).containsExactly("a", "caught");
        } else {
            assertThatThrownBy(() -> Coroutines.runBlocking(chain::toList))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("must not be null");
        }
        assertThat(mapperSawNull).isFalse();
    }
}
