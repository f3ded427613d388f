/** Implementation of weft-test: the test scheduler, the test run and the Reactor/RxJava clocks. */
@InternalApi
@NullMarked
package dev.weft.test.internal;

import dev.weft.core.InternalApi;
import org.jspecify.annotations.NullMarked;
