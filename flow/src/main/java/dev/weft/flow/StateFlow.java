package dev.weft.flow;

/**
 * A {@link SharedFlow} that always has a value: collecting it yields the current value first, then
 * each later value that differs (by {@link Object#equals(Object)}) from the one the collector saw
 * last. Made by {@link MutableStateFlow#create(Object)} or by {@code stateIn}.
 *
 * <p><b>Buffering:</b> conflated. A state flow keeps only its current value; a collector that is
 * slower than the updates skips intermediate values and always receives the latest one. Its
 * {@linkplain #replayCache() replay cache} is the current value. Updates never wait for
 * collectors.
 *
 * <p><b>Dispatcher:</b> each collector receives values on its own coroutine. <b>Cancellation:</b>
 * like every shared flow, a state flow never completes: collecting ends only by cancellation of the
 * collecting coroutine or by the collector throwing.
 *
 * @param <T> the value type
 */
public interface StateFlow<T> extends SharedFlow<T> {

    /**
     * Returns the current value. Never suspends.
     *
     * @return the current value, never null
     */
    T value();
}
