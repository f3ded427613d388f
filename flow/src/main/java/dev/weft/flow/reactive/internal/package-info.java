/**
 * Machinery of the Reactive Streams bridge: the subscribers behind {@code asFlow} and the awaits,
 * the subscription behind {@code asPublisher} and {@code publish}, and their single-producer /
 * single-consumer queues. Not API.
 */
@InternalApi
@NullMarked
package dev.weft.flow.reactive.internal;

import dev.weft.core.InternalApi;
import org.jspecify.annotations.NullMarked;
