package dev.weft.flow.reactive.internal;

import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * A bounded queue that, when full, drops its oldest element to make room: the buffer behind
 * {@code conflate()} (capacity 1) and {@code buffer(n, DROP_OLDEST)}. Both sides take a lock, since
 * the producer removes elements too; the mode is meant for slow consumers, where that cost is not
 * what limits throughput.
 *
 * @param <E> the element type
 */
final class DropOldestQueue<E> extends SignalQueue<E> {
    private final ArrayDeque<E> items;
    private final int capacity;

    DropOldestQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    @Override
    synchronized boolean offer(E e) {
        if (items.size() == capacity) {
            items.pollFirst();
        }
        items.addLast(e);
        return true;
    }

    @Override
    synchronized @Nullable E poll() {
        return items.pollFirst();
    }

    @Override
    synchronized boolean isEmpty() {
        return items.isEmpty();
    }
}
