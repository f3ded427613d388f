/**
 * The machinery behind {@link dev.weft.core.channels}: the channel, its wait queues, select and
 * the producer coroutine. Not API: these classes may change in any release.
 */
@NullMarked
package dev.weft.core.channels.internal;

import org.jspecify.annotations.NullMarked;
