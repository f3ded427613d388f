package dev.weft.core.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Channel semantics that need no second coroutine: factories, buffering, overflow, close, cancel. */
class ChannelBasicsTest {

    // ------------------------------------------------------------------ factories and bad input

    @Test
    void badCapacitiesAndPoliciesAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> Channel.of(-3, BufferOverflow.SUSPEND, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-3");
        assertThatThrownBy(() -> Channel.buffered(Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
        assertThatThrownBy(() -> Channel.of(Channel.CONFLATED, BufferOverflow.DROP_LATEST, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONFLATED");
        assertThatThrownBy(() -> Channel.buffered(4, null))
                .isInstanceOf(NullPointerException.class).hasMessage("overflow");
    }

    @Test
    void nullElementsAreRejectedNamingTheParameter() {
        Channel<String> ch = Channel.buffered(4);
        assertThatThrownBy(() -> ch.send(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.trySend(null)).isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> ch.invokeOnClose(null)).isInstanceOf(NullPointerException.class).hasMessage("handler");
        assertThat(ch.isEmpty()).as("nothing was buffered by the rejected calls").isTrue();
    }

    @Test
    void factoriesMapTheCapacityConstants() {
        assertThat(Channel.rendezvous().toString()).contains("rendezvous");
        assertThat(Channel.buffered(0).toString()).as("buffered(0) is a rendezvous channel").contains("rendezvous");
        assertThat(Channel.buffered(Channel.BUFFERED).toString()).contains("buffered(64");
        assertThat(Channel.buffered(Channel.CONFLATED).toString()).contains("conflated");
        assertThat(Channel.unlimited().toString()).contains("unlimited");
        assertThat(Channel.conflated().toString()).contains("conflated");
        assertThat(Channel.of(Channel.RENDEZVOUS, BufferOverflow.DROP_OLDEST, null).toString())
                .as("a rendezvous capacity with a drop policy gets a one-slot buffer")
                .contains("buffered(1, DROP_OLDEST)");
    }

    @Test
    void bufferedDefaultHoldsSixtyFourElementsThenReportsFull() {
        Channel<Integer> ch = Channel.buffered(Channel.BUFFERED);
        for (int i = 0; i < Channel.DEFAULT_BUFFER_SIZE; i++) {
            assertThat(ch.trySend(i).isSuccess()).isTrue();
        }
        ChannelResult<Void> full = ch.trySend(99);
        assertThat(full).isInstanceOf(ChannelResult.Failure.class);
        assertThat(full.isSuccess()).isFalse();
        assertThat(full.isClosed()).isFalse();
        assertThatThrownBy(full::getOrThrow).isInstanceOf(NoSuchElementException.class);
    }

    // ------------------------------------------------------------------ buffering

    @Test
    void bufferedChannelIsFifoAndReportsEmpty() {
        Channel<Integer> ch = Channel.buffered(3);
        assertThat(ch.isEmpty()).isTrue();
        ch.send(1);
        ch.send(2);
        ch.send(3);
        assertThat(ch.isEmpty()).isFalse();
        assertThat(ch.trySend(4)).isInstanceOf(ChannelResult.Failure.class);
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.tryReceive().getOrThrow()).isEqualTo(2);
        assertThat(ch.receiveCatching()).isEqualTo(new ChannelResult.Success<>(3));
        ChannelResult<Integer> empty = ch.tryReceive();
        assertThat(empty).isInstanceOf(ChannelResult.Failure.class);
        assertThat(empty.getOrNull()).isNull();
        assertThatThrownBy(empty::getOrThrow).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void ringBufferWrapsAroundManyTimesKeepingOrder() {
        Channel<Integer> ch = Channel.buffered(5);
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 100; round++) {
            while (ch.trySend(next).isSuccess()) {
                next++;
            }
            for (int k = 0; k < 3; k++) {
                assertThat(ch.receive()).isEqualTo(expected++);
            }
        }
        assertThat(next - expected).as("two left after the last round").isEqualTo(2);
        assertThat(ch.receive()).isEqualTo(expected++);
        assertThat(ch.receive()).isEqualTo(expected);
        assertThat(ch.isEmpty()).isTrue();
    }

    @Test
    void unlimitedChannelGrowsWithoutLimit() {
        Channel<Integer> ch = Channel.unlimited();
        for (int i = 0; i < 100_000; i++) {
            ch.send(i);
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(ch.receive()).isEqualTo(i);
        }
        assertThat(ch.tryReceive().isSuccess()).isFalse();
    }

    @Test
    void largeBoundedCapacityGrowsLazilyUpToItsBound() {
        Channel<Integer> ch = Channel.buffered(5000);
        for (int i = 0; i < 5000; i++) {
            assertThat(ch.trySend(i).isSuccess()).isTrue();
        }
        assertThat(ch.trySend(5000).isSuccess()).isFalse();
        for (int i = 0; i < 5000; i++) {
            assertThat(ch.receive()).isEqualTo(i);
        }
    }

    @Test
    void rendezvousTrySendAndTryReceiveFailWithoutAPeer() {
        Channel<String> ch = Channel.rendezvous();
        assertThat(ch.trySend("x")).isInstanceOf(ChannelResult.Failure.class);
        assertThat(ch.tryReceive()).isInstanceOf(ChannelResult.Failure.class);
        assertThat(ch.isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ overflow policies

    @Test
    void dropOldestKeepsTheNewestAndReportsTheDropped() {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.of(3, BufferOverflow.DROP_OLDEST, dropped::add);
        for (int i = 1; i <= 5; i++) {
            assertThat(ch.trySend(i).isSuccess()).as("a drop policy never fails a send").isTrue();
        }
        ch.send(6);
        assertThat(dropped).containsExactly(1, 2, 3);
        assertThat(List.of(ch.receive(), ch.receive(), ch.receive())).containsExactly(4, 5, 6);
    }

    @Test
    void dropLatestKeepsTheOldestAndReportsTheDropped() {
        List<Integer> dropped = new ArrayList<>();
        Channel<Integer> ch = Channel.of(2, BufferOverflow.DROP_LATEST, dropped::add);
        for (int i = 1; i <= 4; i++) {
            ch.send(i);
        }
        assertThat(ch.trySend(5).isSuccess()).isTrue();
        assertThat(dropped).containsExactly(3, 4, 5);
        assertThat(List.of(ch.receive(), ch.receive())).containsExactly(1, 2);
    }

    @Test
    void conflatedChannelKeepsOnlyTheLatest() {
        List<String> dropped = new ArrayList<>();
        Channel<String> ch = Channel.of(Channel.CONFLATED, BufferOverflow.SUSPEND, dropped::add);
        ch.send("a");
        ch.send("b");
        assertThat(ch.trySend("c").isSuccess()).isTrue();
        assertThat(ch.receive()).isEqualTo("c");
        assertThat(ch.tryReceive().isSuccess()).isFalse();
        assertThat(dropped).containsExactly("a", "b");
        ch.send("d");
        assertThat(ch.receive()).isEqualTo("d");
    }

    @Test
    void rendezvousCapacityWithDropLatestBehavesAsOneSlot() {
        Channel<Integer> ch = Channel.buffered(Channel.RENDEZVOUS, BufferOverflow.DROP_LATEST);
        ch.send(1);
        ch.send(2);
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.tryReceive().isSuccess()).isFalse();
    }

    @Test
    void aThrowingUndeliveredCallbackSurfacesAtTheSendThatDroppedAfterTheDrop() {
        Channel<Integer> ch = Channel.of(1, BufferOverflow.DROP_OLDEST, e -> {
            throw new IllegalStateException("callback failed for " + e);
        });
        ch.send(1);
        assertThatThrownBy(() -> ch.send(2)).isInstanceOf(IllegalStateException.class).hasMessageContaining("for 1");
        assertThat(ch.receive()).as("the new element was buffered before the callback ran").isEqualTo(2);
    }

    // ------------------------------------------------------------------ close

    @Test
    void closeLetsReceiversDrainThenReportsTheClose() {
        Channel<Integer> ch = Channel.buffered(4);
        ch.send(1);
        ch.send(2);
        assertThat(ch.close()).isTrue();
        assertThat(ch.close()).as("second close").isFalse();
        assertThat(ch.isClosedForSend()).isTrue();
        assertThat(ch.isClosedForReceive()).as("elements remain").isFalse();
        assertThatThrownBy(() -> ch.send(3)).isInstanceOf(ClosedSendChannelException.class);
        ChannelResult<Void> sendResult = ch.trySend(3);
        assertThat(sendResult.isClosed()).isTrue();
        assertThat(((ChannelResult.Closed<Void>) sendResult).cause()).isNull();
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.tryReceive().getOrThrow()).isEqualTo(2);
        assertThat(ch.isClosedForReceive()).isTrue();
        assertThat(ch.isEmpty()).isTrue();
        assertThatThrownBy(ch::receive).isInstanceOf(ClosedReceiveChannelException.class);
        ChannelResult<Integer> r = ch.receiveCatching();
        assertThat(r).isEqualTo(new ChannelResult.Closed<>(null));
        assertThatThrownBy(r::getOrThrow).isInstanceOf(ClosedReceiveChannelException.class);
        assertThat(ch.tryReceive().isClosed()).isTrue();
    }

    @Test
    void closeWithCauseHandsTheCauseToBothSides() {
        Channel<Integer> ch = Channel.buffered(4);
        ch.send(1);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(ch.close(boom)).isTrue();
        assertThatThrownBy(() -> ch.send(2)).isSameAs(boom);
        assertThat(ch.receive()).isEqualTo(1);
        assertThatThrownBy(ch::receive).isSameAs(boom);
        assertThat(ch.receiveCatching()).isEqualTo(new ChannelResult.Closed<>(boom));
        assertThat(ch.trySend(3)).isEqualTo(new ChannelResult.Closed<>(boom));
    }

    @Test
    void aCheckedCloseCauseIsWrappedInCompletionException() {
        Channel<Integer> ch = Channel.rendezvous();
        IOException io = new IOException("disk");
        ch.close(io);
        assertThatThrownBy(ch::receive).isInstanceOf(CompletionException.class).hasCause(io);
        assertThatThrownBy(() -> ch.send(1)).isInstanceOf(CompletionException.class).hasCause(io);
        assertThatThrownBy(() -> ch.tryReceive().getOrThrow()).isInstanceOf(CompletionException.class).hasCause(io);
        assertThat(((ChannelResult.Closed<Integer>) ch.receiveCatching()).cause()).isSameAs(io);
    }

    @Test
    void invokeOnCloseRunsOnceWithTheCauseAndOnlyOneHandlerIsAllowed() {
        Channel<Integer> ch = Channel.buffered(1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        ch.invokeOnClose(c -> {
            calls.incrementAndGet();
            seen.set(c);
        });
        assertThatThrownBy(() -> ch.invokeOnClose(c -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(0);
        RuntimeException cause = new RuntimeException("end");
        ch.close(cause);
        ch.close();
        ch.cancel();
        assertThat(calls).hasValue(1);
        assertThat(seen.get()).isSameAs(cause);

        Channel<Integer> closed = Channel.buffered(1);
        closed.close();
        List<Throwable> late = new CopyOnWriteArrayList<>();
        closed.invokeOnClose(c -> late.add(new RuntimeException("called with " + c)));
        assertThat(late).as("a handler registered after the close runs at once").hasSize(1);
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancelDiscardsBufferedElementsThroughTheCallback() {
        List<Integer> undelivered = new ArrayList<>();
        Channel<Integer> ch = Channel.of(8, BufferOverflow.SUSPEND, undelivered::add);
        for (int i = 0; i < 5; i++) {
            ch.send(i);
        }
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        ch.invokeOnClose(closedWith::set);
        ch.cancel();
        assertThat(undelivered).containsExactly(0, 1, 2, 3, 4);
        assertThat(ch.isClosedForSend()).isTrue();
        assertThat(ch.isClosedForReceive()).isTrue();
        assertThat(closedWith.get()).isInstanceOf(CancellationException.class);
        assertThatThrownBy(ch::receive).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> ch.send(9)).isInstanceOf(CancellationException.class);
        ch.cancel();
        assertThat(undelivered).as("a second cancel finds nothing").hasSize(5);
    }

    @Test
    void cancelAfterCloseStillDiscardsButKeepsTheNormalClose() {
        List<Integer> undelivered = new ArrayList<>();
        Channel<Integer> ch = Channel.of(8, BufferOverflow.SUSPEND, undelivered::add);
        ch.send(1);
        ch.close();
        ch.cancel(new CancellationException("stop"));
        assertThat(undelivered).containsExactly(1);
        assertThatThrownBy(ch::receive).isInstanceOf(ClosedReceiveChannelException.class);
    }

    @Test
    void cancelWithCauseUsesIt() {
        Channel<Integer> ch = Channel.unlimited();
        CancellationException why = new CancellationException("why");
        ch.cancel(why);
        assertThatThrownBy(ch::receive).isSameAs(why);
        assertThat(ch.receiveCatching()).isEqualTo(new ChannelResult.Closed<>(why));
    }

    @Test
    void cancelReportsEveryElementEvenIfTheCallbackThrows() {
        List<Integer> seen = new ArrayList<>();
        Channel<Integer> ch = Channel.of(4, BufferOverflow.SUSPEND, e -> {
            seen.add(e);
            throw new IllegalStateException("leak " + e);
        });
        ch.send(1);
        ch.send(2);
        assertThatThrownBy(ch::cancel).isInstanceOf(IllegalStateException.class).hasMessage("leak 1")
                .satisfies(t -> assertThat(t.getSuppressed()).hasSize(1));
        assertThat(seen).containsExactly(1, 2);
    }

    // ------------------------------------------------------------------ iteration

    @Test
    void forLoopReceivesUntilClosed() {
        Channel<Integer> ch = Channel.buffered(10);
        for (int i = 0; i < 10; i++) {
            ch.send(i);
        }
        ch.close();
        List<Integer> got = new ArrayList<>();
        for (int x : ch) {
            got.add(x);
        }
        assertThat(got).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var it = ch.iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(ClosedReceiveChannelException.class);
    }

    @Test
    void forLoopThrowsTheCloseCauseAfterDraining() {
        Channel<Integer> ch = Channel.buffered(10);
        ch.send(1);
        ch.close(new IllegalStateException("producer failed"));
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> {
            for (int x : ch) {
                got.add(x);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("producer failed");
        assertThat(got).containsExactly(1);
    }

    @Test
    void iteratorNextWithoutHasNextReceives() {
        Channel<String> ch = Channel.buffered(2);
        ch.send("a");
        ch.send("b");
        var it = ch.iterator();
        assertThat(it.next()).isEqualTo("a");
        assertThat(it.hasNext()).isTrue();
        assertThat(it.hasNext()).as("hasNext is idempotent").isTrue();
        assertThat(it.next()).isEqualTo("b");
        assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    }
}
