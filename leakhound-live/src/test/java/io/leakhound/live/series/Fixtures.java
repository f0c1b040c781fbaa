package io.leakhound.live.series;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test files under {@code src/test/resources/series}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/series/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new AssertionError("no fixture " + name, e);
        }
    }

    static MemorySeries read(String name) {
        return SeriesFiles.read(path(name), SeriesFormat.AUTO, ReadOptions.NONE);
    }
}
