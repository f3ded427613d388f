package dev.weft.flow.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** A recording Subscriber that requests only what the test tells it to. */
class TestSubscriber<T> implements Subscriber<T> {
    final List<T> values = new CopyOnWriteArrayList<>();
    final List<Thread> signalThreads = new CopyOnWriteArrayList<>();
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch terminated = new CountDownLatch(1);
    volatile @Nullable Subscription subscription;
    volatile @Nullable Throwable error;
    volatile boolean completed;
    volatile int terminalSignals;
    private final long initialRequest;

    TestSubscriber() {
        this(0);
    }

    TestSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        subscribed.countDown();
        if (initialRequest != 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public void onNext(T t) {
        signalThreads.add(Thread.currentThread());
        values.add(t);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        terminalSignals++;
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        terminalSignals++;
        terminated.countDown();
    }

    Subscription sub() {
        Subscription s = subscription;
        if (s == null) {
            throw new AssertionError("no onSubscribe");
        }
        return s;
    }

    void request(long n) {
        sub().request(n);
    }

    void cancel() {
        sub().cancel();
    }

    TestSubscriber<T> awaitTerminated() throws InterruptedException {
        if (!terminated.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no terminal signal within 10 s; got " + values.size() + " values");
        }
        return this;
    }

    void awaitValues(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (values.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + values.size() + " of " + n + " values within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
