package dev.weft.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test method of the annotated class, or the annotated test method, inside
 * {@link WeftTest#runTest}: the method body is the test's body, on the test dispatcher and the
 * virtual clock, and may call {@link WeftTest#advanceTimeBy}, {@link WeftTest#backgroundScope()} and
 * the rest directly. {@code @BeforeEach} and {@code @AfterEach} methods run outside it, on real time.
 *
 * <pre>{@code
 * @RunTest(autoAdvance = false)
 * void debouncesForAnHour() { ... WeftTest.advanceTimeBy(Duration.ofHours(1)); ... }
 * }</pre>
 *
 * (The method still needs {@code @Test}; a method-level annotation overrides a class-level one.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(RunTestExtension.class)
public @interface RunTest {
    /**
     * Whether the clock jumps by itself when the test is idle; see {@link TestConfig#withAutoAdvance(boolean)}.
     *
     * @return the setting; {@code true} by default
     */
    boolean autoAdvance() default true;

    /**
     * The wall-clock limit of the test in milliseconds; see {@link TestConfig#withTimeout}.
     *
     * @return the limit; 60 000 by default
     */
    long timeoutMillis() default 60_000;

    /**
     * How long the clock may be held for real-time waits, in milliseconds; see
     * {@link TestConfig#withRealTimeWaitLimit}.
     *
     * @return the limit; 1 000 by default
     */
    long realTimeWaitLimitMillis() default 1_000;
}
