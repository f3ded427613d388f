/** Operator implementations and flow machinery. Not API. */
@InternalApi
@NullMarked
package dev.weft.flow.internal;

import dev.weft.core.InternalApi;
import org.jspecify.annotations.NullMarked;
