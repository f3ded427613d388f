package dev.weft.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks weft's machinery: a package (every {@code ...internal} package carries it) or a type that
 * is {@code public} only so that weft's own modules can reach it across packages (flow uses core's
 * producer and scheduler machinery, the bridge's subscribers are driven by weft's TCK tests). It is
 * not API: it may change or disappear in any release, and applications and third-party adapters
 * must not use it. An adapter reaches the Reactive Streams bridge through
 * {@code dev.weft.flow.reactive.ReactiveBridge} and its hooks instead (ADR 0007).
 *
 * <p>The fence is checked, not only documented (ADR 0009): a build-time hook rejects an import of
 * an {@code internal} package from weft's adapter modules, and a test fails if a public or
 * protected signature of an exported package (a parameter, return, field, exception, supertype or
 * type bound) names a type from an {@code internal} package or a type marked with this annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PACKAGE, ElementType.TYPE})
public @interface InternalApi {
}
