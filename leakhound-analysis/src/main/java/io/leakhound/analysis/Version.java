package io.leakhound.analysis;

/** The tool's name and version. */
public final class Version {
    public static final String NAME = "leakhound";
    public static final String VERSION = "0.1.0";

    private Version() {
    }
}
