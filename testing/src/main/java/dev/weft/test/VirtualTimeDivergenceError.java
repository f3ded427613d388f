package dev.weft.test;

/**
 * Fails a {@link WeftTest#runTest} in which a coroutine of the test waited on real time (it slept
 * with {@link Thread#sleep} or another timed JDK wait, or ran on a dispatcher other than the test
 * dispatcher) for longer than {@link TestConfig#realTimeWaitLimit()} while the virtual clock had a
 * pending deadline to jump to. The clock is held during such a wait, so the real-time part takes no
 * virtual time; the message names the coroutines that waited, with their stacks, and the deadline
 * that was due.
 */
public final class VirtualTimeDivergenceError extends AssertionError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message the diagnostic
     */
    public VirtualTimeDivergenceError(String message) {
        super(message);
    }
}
