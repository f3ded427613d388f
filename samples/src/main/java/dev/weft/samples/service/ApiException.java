package dev.weft.samples.service;

import java.io.Serial;

/**
 * A request the service refuses, with the HTTP status and the message the client receives.
 */
public final class ApiException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status (4xx)
     * @param message what the client is told
     */
    public ApiException(int status, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill in
        this.status = status;
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    static ApiException notFound(long id) {
        return new ApiException(404, "order " + id + " not found");
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
