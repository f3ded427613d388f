package dev.weft.rxjava3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.UndeliverableException;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;

/**
 * Errors that can no longer be delivered reach {@code RxJavaPlugins.onError} exactly once, as an
 * {@link UndeliverableException} whose cause is the original error and which names the conversion.
 * (kotlinx-coroutines-rx3 hands the bare exception to the plugin, with nothing saying where it came
 * from or that it was undeliverable.)
 */
class UndeliverableTest {
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @BeforeEach
    void capture() {
        RxJavaPlugins.setErrorHandler(errors::add);
    }

    @AfterEach
    void reset() {
        RxJavaPlugins.setErrorHandler(null);
    }

    private void assertReportedOnce(Throwable original, String conversion) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (errors.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50); // a second report would arrive now
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(UndeliverableException.class).hasCause(original);
            assertThat(e.getSuppressed()).singleElement()
                    .satisfies(s -> assertThat(s.getMessage()).contains(conversion));
        });
    }

    /** A block that, once cancelled, fails with {@code late} instead of ending quietly. */
    private static <T> T failWhenCancelled(CountDownLatch started, RuntimeException late) {
        started.countDown();
        try {
            Coroutines.delay(Duration.ofMinutes(5));
        } catch (CancellationException e) {
            throw late;
        }
        throw new AssertionError("not cancelled");
    }

    @Test
    void rxSingleFailingAfterDispose() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        IllegalStateException late = new IllegalStateException("late single");
        TestObserver<Integer> to = RxFlows.<Integer>rxSingle(() -> failWhenCancelled(started, late)).test();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        to.dispose();
        assertReportedOnce(late, "rxSingle");
        to.assertNoErrors();
    }

    @Test
    void rxFlowableFailingAfterCancel() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        IllegalStateException late = new IllegalStateException("late flowable");
        TestSubscriber<Integer> ts = RxFlows.<Integer>rxFlowable(scope -> failWhenCancelled(started, late)).test();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ts.cancel();
        assertReportedOnce(late, "rxFlowable");
    }

    @Test
    void asFlowableFlowFailingAfterCancel() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        IllegalStateException late = new IllegalStateException("late flow");
        TestSubscriber<Integer> ts = RxFlows.asFlowable(Flow.<Integer>flow(out -> failWhenCancelled(started, late))).test();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ts.cancel();
        assertReportedOnce(late, "asFlowable");
    }

    @Test
    void aQuietCancellationIsNotReported() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TestObserver<Integer> to = RxFlows.rxSingle(() -> {
            started.countDown();
            Coroutines.delay(Duration.ofMinutes(5));
            return 1;
        }).test();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        to.dispose();
        Thread.sleep(100);
        assertThat(errors).isEmpty();
    }

    @Test
    void flowableOnErrorAfterTheCollectionCancelled() throws Exception {
        AtomicReference<Subscriber<? super Integer>> sub = new AtomicReference<>();
        Flowable<Integer> rogue = new Flowable<>() {
            @Override
            protected void subscribeActual(Subscriber<? super Integer> s) {
                s.onSubscribe(new org.reactivestreams.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                sub.set(s);
                s.onNext(1);
            }
        };
        assertThat(Coroutines.runBlocking(() -> RxFlows.asFlow(rogue).first())).isEqualTo(1);
        IOException late = new IOException("after cancel");
        sub.get().onError(late);
        assertReportedOnce(late, "asFlow");
    }

    @Test
    void observableOnErrorAfterTheCollectionEnded() throws Exception {
        AtomicReference<Observer<? super Integer>> obs = new AtomicReference<>();
        Observable<Integer> rogue = new Observable<>() {
            @Override
            protected void subscribeActual(Observer<? super Integer> o) {
                o.onSubscribe(Disposable.empty());
                obs.set(o);
                o.onNext(1);
            }
        };
        assertThat(Coroutines.runBlocking(() -> RxFlows.asFlow(rogue).first())).isEqualTo(1);
        IOException late = new IOException("after end");
        obs.get().onError(late);
        assertReportedOnce(late, "asFlow");
    }
}
