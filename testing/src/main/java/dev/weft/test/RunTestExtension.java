package dev.weft.test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link RunTest}: it runs each test method invocation inside
 * {@link WeftTest#runTest(TestConfig, dev.weft.core.ScopeBlock)} with the settings of the nearest
 * {@link RunTest} annotation (method first, then class). Register it through the annotation.
 */
public final class RunTestExtension implements InvocationInterceptor {

    /** Creates the extension; JUnit does this when it is registered. */
    public RunTestExtension() {
    }

    /**
     * Runs the test method inside {@code runTest}.
     *
     * @param invocation the test method's invocation
     * @param invocationContext the method and its arguments
     * @param extensionContext the test's context
     * @throws Throwable whatever the test method or {@code runTest} throws; a checked exception of the
     *         method is rethrown unwrapped
     */
    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                    ExtensionContext extensionContext) throws Throwable {
        runInside(invocation, invocationContext, extensionContext);
    }

    /**
     * Runs each invocation of a test template (a {@code @ParameterizedTest} or {@code @RepeatedTest}
     * method) inside {@code runTest}.
     *
     * @param invocation the test method's invocation
     * @param invocationContext the method and its arguments
     * @param extensionContext the test's context
     * @throws Throwable whatever the test method or {@code runTest} throws
     */
    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                            ExtensionContext extensionContext) throws Throwable {
        runInside(invocation, invocationContext, extensionContext);
    }

    private static void runInside(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
                                  ExtensionContext extensionContext) throws Throwable {
        RunTest settings = AnnotationSupport.findAnnotation(invocationContext.getExecutable(), RunTest.class)
                .or(() -> AnnotationSupport.findAnnotation(extensionContext.getRequiredTestClass(), RunTest.class))
                .orElseThrow(() -> new IllegalStateException("RunTestExtension without @RunTest"));
        TestConfig config = TestConfig.defaults()
                .withAutoAdvance(settings.autoAdvance())
                .withTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .withRealTimeWaitLimit(Duration.ofMillis(settings.realTimeWaitLimitMillis()));
        try {
            WeftTest.runTest(config, scope -> {
                try {
                    invocation.proceed();
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new CompletionException(t);
                }
                return null;
            });
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause != null && !(cause instanceof RuntimeException) && !(cause instanceof Error)) {
                throw cause; // runTest wrapped the method's checked exception: JUnit reports the original
            }
            throw e;
        }
    }
}
