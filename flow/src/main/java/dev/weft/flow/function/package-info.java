/**
 * Functional interfaces taken by the flow operators. Like every functional interface of weft, they
 * declare {@code throws Exception}: a checked exception thrown by user code ends the flow with that
 * exception, unchanged (see {@link dev.weft.flow.Flow} for how terminal operators rethrow it).
 */
@NullMarked
package dev.weft.flow.function;

import org.jspecify.annotations.NullMarked;
