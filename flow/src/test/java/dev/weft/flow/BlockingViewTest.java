package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BlockingViewTest {

    private static void awaitFinished(Probe probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!probe.finished.get() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    @Test
    void iteratesTheElementsFromPlainCode() {
        List<Integer> got = new ArrayList<>();
        try (BlockingIterable<Integer> items = Flow.range(0, 100).toIterable()) {
            for (int i : items) {
                got.add(i);
            }
            assertThat(got).isEqualTo(Flow.range(0, 100).toList());
            List<Integer> again = new ArrayList<>();
            items.forEach(again::add);
            assertThat(again).as("each iterator collects anew").isEqualTo(got);
        }
    }

    @Test
    void anExhaustedIteratorStaysExhausted() {
        try (BlockingIterable<Integer> items = Flow.of(1).toIterable()) {
            Iterator<Integer> it = items.iterator();
            assertThat(it.next()).isEqualTo(1);
            assertThat(it.hasNext()).isFalse();
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void closeCancelsAProducerLeftUnfinished() throws Exception {
        Probe probe = new Probe();
        BlockingIterable<Integer> items = probe.infinite().toIterable();
        Iterator<Integer> it = items.iterator();
        assertThat(it.next()).isZero();
        assertThat(it.next()).isOne();
        items.close();
        awaitFinished(probe);
        assertThat(probe.finished).isTrue();
        assertThatThrownBy(it::hasNext).isInstanceOf(CancellationException.class);
        assertThatThrownBy(items::iterator).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFailureIsRethrownByTheConvention() {
        IOException io = new IOException("up");
        try (BlockingIterable<Integer> items = new Probe().failingAfter(2, io).toIterable()) {
            Iterator<Integer> it = items.iterator();
            assertThat(it.next()).isZero();
            assertThat(it.next()).isOne();
            assertThatThrownBy(it::hasNext).isInstanceOf(CompletionException.class).hasCause(io);
            assertThatThrownBy(it::hasNext).as("again").isInstanceOf(CompletionException.class).hasCause(io);
        }
        IllegalStateException ise = new IllegalStateException("unchecked");
        try (Stream<Integer> s = Flow.<Integer>error(ise).toStream()) {
            assertThatThrownBy(s::count).isSameAs(ise);
        }
    }

    @Test
    void aStreamStartsLazilyAndItsCloseCancelsTheProducer() throws Exception {
        Probe probe = new Probe();
        Stream<Integer> stream = probe.infinite().toStream();
        Thread.sleep(10);
        assertThat(probe.collections).as("nothing runs before the terminal operation").hasValue(0);
        try (stream) {
            assertThat(stream.limit(5).collect(Collectors.toList())).containsExactly(0, 1, 2, 3, 4);
        }
        awaitFinished(probe);
        assertThat(probe.finished).isTrue();
    }

    @Test
    void theViewFusesWithABufferAndFlowOn() {
        try (Stream<Integer> s = Flow.range(0, 10).buffer(2).flowOn(dev.weft.core.Dispatchers.IO).toStream()) {
            assertThat(s.toList()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }
}
