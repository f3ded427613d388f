package dev.weft.core;

/** A registration that can be undone, such as a completion handler of a {@link Job}. */
@FunctionalInterface
public interface Disposable {
    /** Undoes the registration; calling it again, or after the event happened, does nothing. */
    void dispose();
}
