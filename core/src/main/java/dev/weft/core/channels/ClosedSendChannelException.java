package dev.weft.core.channels;

/** Thrown when sending to a channel that was closed normally ({@link SendChannel#close()}). */
public class ClosedSendChannelException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public ClosedSendChannelException(String message) {
        super(message);
    }
}
