package io.leakhound.tracker;

/**
 * The handle of one tracked reference-counted object ({@link RefCountTracker#track}): it starts with a count of
 * one (the allocation), {@link #retain()} and {@link #release()} follow the object's own count. When the count
 * reaches zero the object counts as closed. Each retain records its stack; a release is matched to the most
 * recent unmatched retain, so the retains left over when the object leaks are the ones no release matched.
 */
public interface RefCounted extends Tracked {
    /** The handle of an object that is not tracked: every method does nothing. */
    RefCounted NONE = new RefCounted() {
        @Override
        public void retain() {
        }

        @Override
        public boolean release() {
            return false;
        }

        @Override
        public int count() {
            return 0;
        }

        @Override
        public void touch(String note) {
        }

        @Override
        public boolean close() {
            return false;
        }

        @Override
        public boolean tracked() {
            return false;
        }
    };

    /** The object's count went up by one. */
    void retain();

    /** The object's count went down by one; true when it reached zero (the object is released). */
    boolean release();

    /** The tracked count (0 once released or when not tracked). */
    int count();
}
