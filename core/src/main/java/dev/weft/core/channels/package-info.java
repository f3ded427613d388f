/**
 * Channels: the handoff between coroutines. A {@link dev.weft.core.channels.Channel} is a queue
 * whose {@code send} and {@code receive} suspend the calling coroutine instead of blocking its
 * carrier.
 */
@NullMarked
package dev.weft.core.channels;

import org.jspecify.annotations.NullMarked;
