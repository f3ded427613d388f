/**
 * The cold, suspending {@link dev.weft.flow.Flow} with its operators, builders and hot flows.
 */
@NullMarked
package dev.weft.flow;

import org.jspecify.annotations.NullMarked;
