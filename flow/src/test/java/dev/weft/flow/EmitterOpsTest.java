package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EmitterOpsTest {

    @Test
    void onStartRunsFirstAndMayEmit() throws Exception {
        List<String> log = new ArrayList<>();
        Probe probe = new Probe();
        Flow<Integer> flow = probe.upTo(2).onStart(out -> {
            log.add("start, collections=" + probe.collections.get());
            out.emit(-1);
        });
        assertThat(log).isEmpty();
        flow.collect(v -> log.add("got " + v));
        assertThat(log).containsExactly("start, collections=0", "got -1", "got 0", "got 1");
    }

    @Test
    void aFailingOnStartPreventsTheUpstream() {
        Probe probe = new Probe();
        IOException io = new IOException("start");
        assertThatThrownBy(() -> probe.upTo(2).onStart(out -> {
            throw io;
        }).collect(v -> { })).isSameAs(io);
        assertThat(probe.collections).hasValue(0);
    }

    @Test
    void onCompletionSeesNullAfterSuccessAndMayEmit() {
        List<Object> causes = new ArrayList<>();
        Flow<Integer> flow = Flow.of(1, 2).onCompletion((cause, out) -> {
            causes.add(String.valueOf(cause));
            out.emit(3);
        });
        assertThat(flow.toList()).containsExactly(1, 2, 3);
        assertThat(causes).containsExactly("null");
    }

    @Test
    void onCompletionSeesUpstreamAndDownstreamFailures() {
        AtomicReference<Throwable> cause = new AtomicReference<>();
        IOException io = new IOException("up");
        Flow<Integer> up = Flow.<Integer>error(io).onCompletion((c, out) -> cause.set(c));
        assertThatThrownBy(() -> up.collect(v -> { })).isSameAs(io);
        assertThat(cause.get()).isSameAs(io);

        IllegalStateException boom = new IllegalStateException("down");
        Flow<Integer> down = Flow.of(1).onCompletion((c, out) -> cause.set(c));
        assertThatThrownBy(() -> down.collect(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(cause.get()).isSameAs(boom);
    }

    @Test
    @SuppressWarnings("finally") // the throwing finally is the point of the test
    void onCompletionCannotEmitAfterAFailureAndItsOwnFailureIsSuppressed() {
        IOException io = new IOException("up");
        List<Integer> got = new ArrayList<>();
        IllegalStateException actionFailure = new IllegalStateException("action");
        Flow<Integer> flow = Flow.<Integer>error(io).onCompletion((c, out) -> {
            try {
                out.emit(1);
            } finally {
                throw actionFailure;
            }
        });
        assertThatThrownBy(() -> flow.collect(got::add)).isSameAs(io).hasSuppressedException(actionFailure);
        assertThat(got).isEmpty();
    }

    @Test
    void onCompletionSeesAnEarlyStopAsACancellation() {
        AtomicReference<Throwable> cause = new AtomicReference<>();
        assertThat(new Probe().infinite().onCompletion((c, out) -> cause.set(c)).take(2).toList())
                .containsExactly(0, 1);
        assertThat(cause.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFailingOnCompletionAfterAnEarlyStopFailsTheFlow() {
        // take/first end the collection normally: the early stop is not a failure that could carry
        // the action's failure as a suppressed exception (take swallows it), so the action's
        // failure is what the flow fails with, as after a normal completion
        IOException io = new IOException("completion");
        Flow<Integer> flow = new Probe().infinite().onCompletion((c, out) -> {
            if (c != null) {
                throw io;
            }
        });
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> flow.take(2).collect(got::add)).isSameAs(io);
        assertThat(got).containsExactly(0, 1);
        assertThatThrownBy(flow::first).isInstanceOf(java.util.concurrent.CompletionException.class).hasCause(io);
        IllegalStateException unchecked = new IllegalStateException("completion");
        assertThatThrownBy(() -> Flow.of(1, 2).onCompletion((c, out) -> {
            if (c != null) {
                throw unchecked;
            }
        }).take(1).toList()).isSameAs(unchecked);
    }

    @Test
    void onCompletionRunsWhenTheCollectorIsCancelled() throws Exception {
        AtomicReference<Throwable> cause = new AtomicReference<>();
        Probe probe = new Probe();
        Flow<Integer> flow = probe.infinite().onCompletion((c, out) -> cause.set(c));
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> flow.collect(v -> { }));
            probe.firstEmitted.await();
            job.cancel();
            job.join();
        }
        assertThat(cause.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFailingOnCompletionAfterSuccessFailsTheFlow() {
        IOException io = new IOException("completion");
        assertThatThrownBy(() -> Flow.of(1).onCompletion((c, out) -> {
            throw io;
        }).collect(v -> { })).isSameAs(io);
    }

    @Test
    void onEmptyRunsOnlyForAnEmptyUpstream() {
        assertThat(Flow.<Integer>empty().onEmpty(out -> out.emit(42)).toList()).containsExactly(42);
        assertThat(Flow.of(1).onEmpty(out -> out.emit(42)).toList()).containsExactly(1);
        IOException io = new IOException("up");
        List<Integer> ran = new ArrayList<>();
        assertThatThrownBy(() -> Flow.<Integer>error(io).onEmpty(out -> ran.add(1)).collect(v -> { })).isSameAs(io);
        assertThat(ran).as("not after a failure").isEmpty();
    }
}
