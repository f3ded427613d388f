package dev.weft.test;

import java.util.Objects;

/**
 * One event of a flow under {@link FlowTester}: an element, the normal end, or a failure.
 *
 * @param <T> the element type
 */
public sealed interface FlowEvent<T> permits FlowEvent.Item, FlowEvent.Complete, FlowEvent.Error {

    /**
     * The flow emitted {@code value}.
     *
     * @param value the element; never null
     * @param <T> the element type
     */
    record Item<T>(T value) implements FlowEvent<T> {
        /**
         * Creates the event.
         *
         * @param value the element
         * @throws NullPointerException if {@code value} is null
         */
        public Item {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The flow completed normally.
     *
     * @param <T> the element type
     */
    record Complete<T>() implements FlowEvent<T> {
    }

    /**
     * The flow failed with {@code cause}.
     *
     * @param cause the failure
     * @param <T> the element type
     */
    record Error<T>(Throwable cause) implements FlowEvent<T> {
        /**
         * Creates the event.
         *
         * @param cause the failure
         * @throws NullPointerException if {@code cause} is null
         */
        public Error {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
