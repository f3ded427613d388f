/**
 * Machinery behind {@link dev.weft.rxjava3.RxFlows}; not API. Everything here holds RxJava
 * specifics only: demand, queues and coroutine life cycles belong to weft's Reactive Streams bridge
 * ({@code dev.weft.flow.reactive}) and to weft's channels, reached through their public API.
 */
@NullMarked
package dev.weft.rxjava3.internal;

import org.jspecify.annotations.NullMarked;
