/**
 * Project Reactor in coroutine style: {@link dev.weft.reactor.ReactorFlows} turns {@code Flux} and
 * {@code Mono} into flows and awaits and back, builds a {@code Mono} or {@code Flux} from a
 * coroutine, and converts Reactor {@code Scheduler}s and weft dispatchers into each other;
 * {@link dev.weft.reactor.ReactorContext} carries the subscriber's Reactor {@code Context} in a
 * coroutine's context.
 *
 * <p>Everything here is built on the Reactive Streams bridge ({@link dev.weft.flow.reactive}): the
 * demand handling, buffering and rule checks are the bridge's; this package adds what is specific
 * to Reactor (the {@code Context}, {@code Scheduler}s, Reactor's hooks, ThreadLocal propagation
 * through {@code io.micrometer:context-propagation} when the application has it).
 */
@NullMarked
package dev.weft.reactor;

import org.jspecify.annotations.NullMarked;
