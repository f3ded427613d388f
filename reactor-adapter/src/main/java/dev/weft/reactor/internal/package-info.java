/**
 * Machinery of the Reactor adapter: Reactor context and ThreadLocal handling, the subscriber that
 * hands a coroutine's context upstream, the awaits and the scheduler/dispatcher conversions. Not
 * API.
 */
@NullMarked
package dev.weft.reactor.internal;

import org.jspecify.annotations.NullMarked;
