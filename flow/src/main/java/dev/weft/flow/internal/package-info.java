/** Operator implementations and flow machinery. Not API. */
@NullMarked
package dev.weft.flow.internal;

import org.jspecify.annotations.NullMarked;
