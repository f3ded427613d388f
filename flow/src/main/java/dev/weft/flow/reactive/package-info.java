/**
 * The bridge between flows and Reactive Streams ({@code org.reactivestreams} and
 * {@code java.util.concurrent.Flow}).
 */
@NullMarked
package dev.weft.flow.reactive;

import org.jspecify.annotations.NullMarked;
