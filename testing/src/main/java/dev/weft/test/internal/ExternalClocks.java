package dev.weft.test.internal;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Installs the test schedulers of Reactor (reactor-test's {@code VirtualTimeScheduler}) and RxJava
 * ({@code TestScheduler}) for one test when they are on the class path, driven by the test's virtual
 * clock, and restores the previous global hooks afterwards. Each library is touched only through its
 * own class ({@link ReactorClock}, {@link RxJavaClock}), loaded only when the library is present.
 */
final class ExternalClocks {
    private ExternalClocks() {
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, ExternalClocks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static List<AutoCloseable> install(VirtualScheduler scheduler) {
        List<AutoCloseable> installed = new ArrayList<>();
        try {
            if (present("reactor.test.scheduler.VirtualTimeScheduler") && present("reactor.core.scheduler.Schedulers")) {
                installed.add(ReactorClock.install(scheduler));
            }
            if (present("io.reactivex.rxjava3.schedulers.TestScheduler")) {
                installed.add(RxJavaClock.install(scheduler));
            }
        } catch (RuntimeException | Error e) {
            uninstall(installed);
            throw e;
        }
        return installed;
    }

    static void uninstall(List<AutoCloseable> installed) {
        RuntimeException first = null;
        for (int i = installed.size() - 1; i >= 0; i--) {
            try {
                installed.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("restoring a scheduler hook failed", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Reads the earliest pending task time of a test scheduler. Neither Reactor's nor RxJava's test
     * scheduler publishes it (both keep a package-private {@code queue} of tasks with a {@code time}
     * field, in their own clock's nanoseconds), and idle detection needs it to know where the clock
     * may jump; this is the one place weft-test reads another library's internals, checked for the
     * pinned versions by ReactorClockTest and RxJavaClockTest.
     */
    static final class QueuePeek {
        private final Field queue;
        private final String owner;
        private volatile Field time;

        QueuePeek(Class<?> schedulerClass) {
            this.owner = schedulerClass.getName();
            try {
                queue = schedulerClass.getDeclaredField("queue");
                queue.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unsupported(e);
            }
        }

        private IllegalStateException unsupported(Exception e) {
            return new IllegalStateException("weft-test cannot read the pending tasks of " + owner
                    + " in this version; use the version weft-test was built with", e);
        }

        /** @return the smallest pending task time, or Long.MAX_VALUE */
        long earliest(Object scheduler) {
            try {
                long min = Long.MAX_VALUE;
                for (Object task : (Collection<?>) queue.get(scheduler)) {
                    if (task instanceof AtomicBoolean disposed && disposed.get()) {
                        continue; // Reactor's disposed tasks stay queued until their time comes
                    }
                    Field f = time;
                    if (f == null) {
                        f = task.getClass().getDeclaredField("time");
                        f.setAccessible(true);
                        time = f;
                    }
                    min = Math.min(min, f.getLong(task));
                }
                return min;
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw unsupported(e);
            }
        }
    }
}
