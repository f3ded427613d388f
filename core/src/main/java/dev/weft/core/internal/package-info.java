/**
 * weft's runtime machinery. Not API: these classes may change in any release. Other weft modules
 * use them; applications must not.
 */
@InternalApi
@NullMarked
package dev.weft.core.internal;

import dev.weft.core.InternalApi;
import org.jspecify.annotations.NullMarked;
