package dev.weft.core.internal;

/** Fallback when weft cannot own carriers: the JDK's default virtual-thread scheduler. */
final class JdkDispatcher extends AbstractDispatcher {
    private final Thread.Builder.OfVirtual builder = Thread.ofVirtual();

    JdkDispatcher(String name) {
        super(name);
    }

    @Override
    protected Thread newThread(Runnable task) {
        synchronized (builder) {
            return builder.unstarted(task);
        }
    }

    @Override
    public boolean ownsCarriers() {
        return false;
    }
}
