package dev.weft.core.internal;

import java.lang.System.Logger.Level;

/** weft's logging, through {@link System.Logger} (routed by the application to its framework). */
public final class Log {
    private static final System.Logger LOG = System.getLogger("dev.weft.core");

    private Log() {
    }

    static void handlerFailed(Throwable t) {
        LOG.log(Level.ERROR, "a completion handler threw; ignored", t);
    }

    static void unhandled(JobSupport where, Throwable t) {
        LOG.log(Level.ERROR, "uncaught failure in coroutine " + where.displayName(), t);
    }

    static void info(String msg) {
        LOG.log(Level.INFO, msg);
    }

    static void debug(String msg) {
        LOG.log(Level.DEBUG, msg);
    }

    static void warn(String msg, Throwable t) {
        LOG.log(Level.WARNING, msg, t);
    }
}
