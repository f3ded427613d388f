package dev.weft.flow.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A Publisher whose signals the test scripts: {@link #onRequest} runs inside each
 * {@code request(n)} (on the requesting thread, so a script can signal synchronously and
 * deterministically, or misbehave), and the test can also signal from its own thread through
 * {@link #subscriber()}. Nothing checks the rules: this is how the tests build bad publishers.
 */
final class ManualPublisher<T> implements Publisher<T> {
    final List<Long> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger cancels = new AtomicInteger();
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    volatile @Nullable Subscriber<? super T> subscriber;
    /** Runs inside request(n) with the subscriber and n. */
    volatile BiConsumer<Subscriber<? super T>, Long> onRequest = (s, n) -> { };
    /** Whether subscribe calls onSubscribe. */
    volatile boolean callOnSubscribe = true;

    final Subscription subscription = new Subscription() {
        @Override
        public void request(long n) {
            requests.add(n);
            Subscriber<? super T> s = subscriber;
            if (s != null) {
                onRequest.accept(s, n);
            }
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelled.countDown();
        }

        @Override
        public String toString() {
            return "ManualSubscription";
        }
    };

    ManualPublisher<T> onRequest(BiConsumer<Subscriber<? super T>, Long> script) {
        this.onRequest = script;
        return this;
    }

    @Override
    public void subscribe(Subscriber<? super T> s) {
        subscriber = s;
        if (callOnSubscribe) {
            s.onSubscribe(subscription);
        }
        subscribed.countDown();
    }

    Subscriber<? super T> subscriber() {
        Subscriber<? super T> s = subscriber;
        if (s == null) {
            throw new AssertionError("not subscribed");
        }
        return s;
    }

    void awaitSubscribed() throws InterruptedException {
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("not subscribed within 10 s");
        }
    }

    void awaitCancelled() throws InterruptedException {
        if (!cancelled.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("not cancelled within 10 s");
        }
    }

    long totalRequested() {
        long sum = 0;
        for (long r : requests) {
            sum += r;
            if (sum < 0) {
                return Long.MAX_VALUE;
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        return "ManualPublisher";
    }
}
