package dev.weft.core;

/**
 * A block of code without a result that may throw checked exceptions; the body of
 * {@link CoroutineScope#launch(ThrowingRunnable)}.
 */
@FunctionalInterface
public interface ThrowingRunnable {
    /**
     * Runs the block.
     *
     * @throws Exception any failure; it fails the coroutine that runs the block
     */
    void run() throws Exception;
}
