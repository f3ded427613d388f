package dev.weft.flow.reactive.internal;

import java.util.Objects;
import org.reactivestreams.Publisher;

/**
 * A Reactive Streams or a JDK publisher, to be subscribed by one of weft's subscribers.
 *
 * @param <T> the element type
 */
public abstract sealed class Upstream<T> {

    private Upstream() {
    }

    /**
     * Wraps a Reactive Streams publisher.
     *
     * @param p a Reactive Streams publisher
     * @param <T> the element type
     * @return the upstream
     * @throws NullPointerException if {@code p} is null
     */
    public static <T> Upstream<T> of(Publisher<? extends T> p) {
        return new Reactive<>(Objects.requireNonNull(p, "publisher"));
    }

    /**
     * Wraps a JDK publisher.
     *
     * @param p a JDK publisher
     * @param <T> the element type
     * @return the upstream
     * @throws NullPointerException if {@code p} is null
     */
    public static <T> Upstream<T> ofJdk(java.util.concurrent.Flow.Publisher<? extends T> p) {
        return new Jdk<>(Objects.requireNonNull(p, "publisher"));
    }

    /** Subscribes {@code s}. */
    abstract void subscribe(BridgeSubscriber<T> s);

    /**
     * Returns the publisher, for messages.
     *
     * @return the wrapped publisher
     */
    public abstract Object publisher();

    private static final class Reactive<T> extends Upstream<T> {
        private final Publisher<? extends T> p;

        Reactive(Publisher<? extends T> p) {
            this.p = p;
        }

        @Override
        void subscribe(BridgeSubscriber<T> s) {
            p.subscribe(s);
        }

        @Override
        public Object publisher() {
            return p;
        }
    }

    private static final class Jdk<T> extends Upstream<T> {
        private final java.util.concurrent.Flow.Publisher<? extends T> p;

        Jdk(java.util.concurrent.Flow.Publisher<? extends T> p) {
            this.p = p;
        }

        @Override
        void subscribe(BridgeSubscriber<T> s) {
            p.subscribe(s);
        }

        @Override
        public Object publisher() {
            return p;
        }
    }
}
