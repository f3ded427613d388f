package dev.weft.core.channels;

import java.util.NoSuchElementException;

/**
 * Thrown when receiving from a channel that was closed normally and has no more buffered
 * elements.
 */
public class ClosedReceiveChannelException extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public ClosedReceiveChannelException(String message) {
        super(message);
    }
}
