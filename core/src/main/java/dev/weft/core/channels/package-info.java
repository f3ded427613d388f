/**
 * Channels: the handoff between coroutines. A {@link dev.weft.core.channels.Channel} is a queue
 * whose {@code send} and {@code receive} suspend the calling coroutine instead of blocking its
 * carrier; {@link dev.weft.core.channels.Channels#produce Channels.produce} ties a channel to the
 * coroutine that fills it; {@link dev.weft.core.channels.Select} waits for the first of several
 * channel operations.
 *
 * <p><b>No mutex or semaphore here, on purpose.</b> A weft coroutine is a virtual thread, so the
 * {@code java.util.concurrent} primitives already suspend it instead of blocking a carrier:
 * {@link java.util.concurrent.locks.ReentrantLock}, {@link java.util.concurrent.Semaphore},
 * {@link java.util.concurrent.CountDownLatch} and {@code synchronized} (which no longer pins a
 * carrier since JDK 24) are the coroutine mutex, semaphore and latch. Cancelling a coroutine
 * interrupts it, which ends an interruptible wait ({@code lockInterruptibly}, {@code acquire},
 * {@code await}) with an {@link InterruptedException}.
 */
@NullMarked
package dev.weft.core.channels;

import org.jspecify.annotations.NullMarked;
