package dev.weft.core;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link Coroutines#withTimeout(Duration, java.util.concurrent.Callable)} when its block
 * did not finish in time. It is a {@link CancellationException}: inside the block it is what the
 * block's suspension points throw once the time is up.
 */
public class TimeoutCancellationException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message, naming the timeout
     */
    public TimeoutCancellationException(String message) {
        super(message);
    }
}
