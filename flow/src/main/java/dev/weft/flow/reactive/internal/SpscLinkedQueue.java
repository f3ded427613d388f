package dev.weft.flow.reactive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * An unbounded single-producer / single-consumer queue of linked fixed-size chunks. The producer
 * fills a chunk slot by slot (release stores) and links a new chunk when it is full; the consumer
 * follows the link (acquire load) once it has emptied a chunk, which then becomes garbage.
 *
 * @param <E> the element type
 */
final class SpscLinkedQueue<E> extends SignalQueue<E> {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(Chunk.class, "next", Chunk.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final int CHUNK = 256;

    private static final class Chunk {
        final Object[] items = new Object[CHUNK];
        @SuppressWarnings("unused") // accessed through NEXT
        @Nullable Chunk next;
    }

    // producer side
    private Chunk tail;
    private int tailIndex;
    // consumer side
    private Chunk head;
    private int headIndex;

    SpscLinkedQueue() {
        Chunk c = new Chunk();
        tail = c;
        head = c;
    }

    @Override
    boolean offer(E e) {
        int i = tailIndex;
        if (i == CHUNK) {
            Chunk n = new Chunk();
            n.items[0] = e;
            NEXT.setRelease(tail, n); // publishes n.items[0] too
            tail = n;
            tailIndex = 1;
        } else {
            SLOTS.setRelease(tail.items, i, e);
            tailIndex = i + 1;
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    @Nullable E poll() {
        int i = headIndex;
        Chunk h = head;
        if (i == CHUNK) {
            Chunk n = (Chunk) NEXT.getAcquire(h);
            if (n == null) {
                return null;
            }
            head = h = n;
            i = 0;
        }
        Object e = SLOTS.getAcquire(h.items, i);
        if (e == null) {
            headIndex = i;
            return null;
        }
        h.items[i] = null;
        headIndex = i + 1;
        return (E) e;
    }

    @Override
    boolean isEmpty() {
        int i = headIndex;
        Chunk h = head;
        if (i == CHUNK) {
            Chunk n = (Chunk) NEXT.getVolatile(h);
            return n == null || SLOTS.getVolatile(n.items, 0) == null;
        }
        return SLOTS.getVolatile(h.items, i) == null;
    }
}
