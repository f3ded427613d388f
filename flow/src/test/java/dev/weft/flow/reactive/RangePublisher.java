package dev.weft.flow.reactive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A well-behaved cold Publisher of {@code start .. start+count-1} for the tests: it honours demand,
 * serializes its signals with a work-in-progress counter (no recursion from request in onNext), and
 * emits either on the requesting thread or, given an executor, on the executor's thread. It records
 * every request amount, the threads that requested, and cancellations.
 */
final class RangePublisher implements Publisher<Integer> {
    final int start;
    final int count;
    final @Nullable Executor executor;
    final List<Long> requests = new CopyOnWriteArrayList<>();
    final List<Thread> requestThreads = new CopyOnWriteArrayList<>();
    final List<Thread> subscribeThreads = new CopyOnWriteArrayList<>();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger subscriptions = new AtomicInteger();

    RangePublisher(int start, int count) {
        this(start, count, null);
    }

    RangePublisher(int start, int count, @Nullable Executor executor) {
        this.start = start;
        this.count = count;
        this.executor = executor;
    }

    @Override
    public void subscribe(Subscriber<? super Integer> s) {
        subscriptions.incrementAndGet();
        subscribeThreads.add(Thread.currentThread());
        s.onSubscribe(new RangeSubscription(s));
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

    private final class RangeSubscription implements Subscription, Runnable {
        private final Subscriber<? super Integer> s;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private int index;
        private boolean done;

        RangeSubscription(Subscriber<? super Integer> s) {
            this.s = s;
        }

        @Override
        public void request(long n) {
            requests.add(n);
            requestThreads.add(Thread.currentThread());
            if (n <= 0) {
                cancelled = true;
                s.onError(new IllegalArgumentException("§3.9: " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (wip.getAndIncrement() == 0) {
                if (executor == null) {
                    run();
                } else {
                    executor.execute(this);
                }
            }
        }

        @Override
        public void run() {
            int missed = 1;
            do {
                long d = demand.get();
                long e = 0;
                while (e != d && index < count && !cancelled) {
                    s.onNext(start + index++);
                    e++;
                }
                if (e != 0) {
                    demand.addAndGet(-e);
                }
                if (index == count && !done && !cancelled) {
                    done = true;
                    s.onComplete();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelled = true;
        }
    }
}
