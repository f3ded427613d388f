package dev.weft.flow.reactive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A bounded single-producer / single-consumer ring buffer. A slot is free while it holds null: the
 * producer publishes an element with a release store into its slot, the consumer takes it with an
 * acquire load and frees the slot with a release store, so the two sides share no index and never
 * write the same cache line except through the slots themselves.
 *
 * <p>The capacity is exact: the ring is rounded up to a power of two, but the producer only writes
 * element {@code p} once element {@code p - capacity} has been taken.
 *
 * @param <E> the element type
 */
final class SpscArrayQueue<E> extends SpscArrayQueueConsumerFields<E> {
    @SuppressWarnings("unused")
    private long p10, p11, p12, p13, p14, p15, p16, p17;

    SpscArrayQueue(int capacity) {
        super(capacity);
    }

    @Override
    boolean offer(E e) {
        long p = producerIndex;
        Object[] b = buffer;
        // the slot of element p - capacity is free iff that element was taken (see class doc)
        if (SLOTS.getAcquire(b, (int) ((p - capacity) & mask)) != null) {
            return false;
        }
        SLOTS.setRelease(b, (int) (p & mask), e);
        producerIndex = p + 1;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    @Nullable E poll() {
        long c = consumerIndex;
        Object[] b = buffer;
        int i = (int) (c & mask);
        Object e = SLOTS.getAcquire(b, i);
        if (e == null) {
            return null;
        }
        SLOTS.setRelease(b, i, null);
        consumerIndex = c + 1;
        return (E) e;
    }

    @Override
    boolean isEmpty() {
        return SLOTS.getVolatile(buffer, (int) (consumerIndex & mask)) == null;
    }
}

/** Padding and the read-only fields. */
abstract class SpscArrayQueueFields<E> extends SignalQueue<E> {
    static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);

    @SuppressWarnings("unused")
    private long p00, p01, p02, p03, p04, p05, p06, p07;
    final Object[] buffer;
    final int mask;
    final long capacity;

    SpscArrayQueueFields(int capacity) {
        if (capacity < 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity out of range: " + capacity);
        }
        int size = Integer.highestOneBit(capacity);
        if (size < capacity) {
            size <<= 1;
        }
        this.buffer = new Object[size];
        this.mask = size - 1;
        this.capacity = capacity;
    }
}

/** The producer's index, on its own cache line. */
abstract class SpscArrayQueueProducerFields<E> extends SpscArrayQueueFields<E> {
    @SuppressWarnings("unused")
    private long p20, p21, p22, p23, p24, p25, p26, p27;
    /** Written and read by the producer only. */
    long producerIndex;

    SpscArrayQueueProducerFields(int capacity) {
        super(capacity);
    }
}

/** The consumer's index, on its own cache line. */
abstract class SpscArrayQueueConsumerFields<E> extends SpscArrayQueueProducerFields<E> {
    @SuppressWarnings("unused")
    private long p30, p31, p32, p33, p34, p35, p36, p37;
    /** Written and read by the consumer only. */
    long consumerIndex;

    SpscArrayQueueConsumerFields(int capacity) {
        super(capacity);
    }
}
