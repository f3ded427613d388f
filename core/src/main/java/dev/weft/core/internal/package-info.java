/**
 * weft's runtime machinery. Not API: these classes may change in any release. Other weft modules
 * use them; applications must not.
 */
@NullMarked
package dev.weft.core.internal;

import org.jspecify.annotations.NullMarked;
