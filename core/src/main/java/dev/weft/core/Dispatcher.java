package dev.weft.core;

/**
 * Where coroutines run: a pool of carrier threads on which weft mounts the virtual threads that are
 * its coroutines. Obtain dispatchers from {@link Dispatchers}; this interface is not meant to be
 * implemented outside weft (weft rejects foreign implementations with an
 * {@link IllegalArgumentException}; wrap an {@link java.util.concurrent.Executor} with
 * {@link Dispatchers#from(java.util.concurrent.Executor)} instead).
 *
 * <p>A dispatcher is also a {@link CoroutineContext.Element}: pass it to
 * {@link CoroutineScope#launch(CoroutineContext, ThrowingRunnable)} to choose where a coroutine runs.
 *
 * <p><b>Time</b>: {@link Coroutines#delay}, timeouts and the time-based flow operators read time
 * from the dispatcher of the calling coroutine, so a test dispatcher can run them on virtual time.
 */
public interface Dispatcher extends CoroutineContext.Element {
    /** The key of this element. */
    CoroutineContext.Key<Dispatcher> KEY = new CoroutineContext.Key<>("Dispatcher");

    /**
     * Returns the dispatcher's name, also the prefix of its carrier threads' names.
     *
     * @return the name
     */
    String name();

    /**
     * Tells whether coroutines launched here run on carrier threads weft owns (or that the
     * application supplied through {@link Dispatchers#from(java.util.concurrent.Executor)}), as
     * opposed to the JDK's default virtual-thread scheduler; the latter happens for
     * {@link Dispatchers#DEFAULT} and {@link Dispatchers#IO} when the JVM lacks
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED}.
     *
     * @return {@code true} if the carriers are this dispatcher's own
     */
    boolean ownsCarriers();

    /**
     * Returns the clock of this dispatcher's coroutines: the one {@link Coroutines#delay}, timeouts
     * and the time-based flow operators read and schedule on. It is {@link TimeSource#system()} for
     * every dispatcher but one made by
     * {@link Dispatchers#from(java.util.concurrent.Executor, TimeSource)}, which returns that source
     * (a virtual clock in tests, a Reactor or RxJava scheduler's clock in the adapters). Code that
     * measures time for work it runs on this dispatcher (a scheduler adapter's periodic tasks and
     * {@code now()}) reads it here, so it agrees with the dispatcher's delays.
     *
     * @return the clock; never null
     */
    TimeSource timeSource();

    @Override
    default CoroutineContext.Key<?> key() {
        return KEY;
    }
}
