/**
 * The machinery behind {@link dev.weft.core.channels}: the channel, its wait queues, select and
 * the producer coroutine. Not API: these classes may change in any release.
 */
@InternalApi
@NullMarked
package dev.weft.core.channels.internal;

import dev.weft.core.InternalApi;
import org.jspecify.annotations.NullMarked;
