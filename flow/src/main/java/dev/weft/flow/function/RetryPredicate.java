package dev.weft.flow.function;

/**
 * Decides whether {@link dev.weft.flow.Flow#retryWhen} collects the upstream again after a failure.
 * It may suspend, e.g. {@code Coroutines.delay} for a back-off.
 */
@FunctionalInterface
public interface RetryPredicate {
    /**
     * Decides about one failure.
     *
     * @param cause the upstream failure
     * @param attempt the number of retries made so far (0 for the first failure)
     * @return {@code true} to collect the upstream again, {@code false} to fail with {@code cause}
     * @throws Exception to fail the flow with this exception instead
     */
    boolean shouldRetry(Throwable cause, long attempt) throws Exception;
}
