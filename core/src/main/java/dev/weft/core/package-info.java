/**
 * weft's coroutine runtime: coroutines are virtual threads whose carrier threads belong to a
 * weft {@link dev.weft.core.Dispatcher}; they form a tree of {@link dev.weft.core.Job}s with
 * structured concurrency and cancellation.
 *
 * <p>Entry points: {@link dev.weft.core.Coroutines} (run blocking, scopes, timeouts, delay),
 * {@link dev.weft.core.CoroutineScope} (launch, async), {@link dev.weft.core.Dispatchers}.
 *
 * <p><b>Cancellation</b> is interruption of the coroutine's virtual thread. weft's suspending calls
 * observe it and throw {@link java.util.concurrent.CancellationException}, leaving the interrupt
 * status set; plain {@code java.util.concurrent} blocking calls observe it as
 * {@link java.lang.InterruptedException}, which ends the coroutine as cancelled.
 *
 * <p><b>Exceptions</b>: blocks may throw checked exceptions; where weft rethrows a block's failure,
 * unchecked exceptions are rethrown as they are and checked ones are wrapped in
 * {@link java.util.concurrent.CompletionException}.
 */
@NullMarked
package dev.weft.core;

import org.jspecify.annotations.NullMarked;
