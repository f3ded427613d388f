package dev.weft.flow;

import java.util.Objects;

/**
 * A value with its position in a flow, emitted by {@link Flow#withIndex()}.
 *
 * @param index the position, counting from 0
 * @param value the value
 * @param <T> the value type
 */
public record IndexedValue<T>(long index, T value) {
    /**
     * Creates an indexed value.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public IndexedValue {
        Objects.requireNonNull(value, "value");
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
    }
}
