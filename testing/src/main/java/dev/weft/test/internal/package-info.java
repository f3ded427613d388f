/** Implementation of weft-test: the test scheduler, the test run and the Reactor/RxJava clocks. */
@NullMarked
package dev.weft.test.internal;

import org.jspecify.annotations.NullMarked;
