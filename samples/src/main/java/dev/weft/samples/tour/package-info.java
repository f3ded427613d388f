/**
 * The tour: the README's first command runs {@link dev.weft.samples.tour.Tour}, whose sections
 * print what they show with the figures measured on the machine that runs them.
 */
@NullMarked
package dev.weft.samples.tour;

import org.jspecify.annotations.NullMarked;
