package io.leakhound.live.watch;

/**
 * A class whose live instances grow steadily, from class histograms.
 *
 * @param className the class name as the histogram prints it (arrays as {@code [B}, {@code [Ljava.lang.Object;})
 * @param instancesPerHour growth of its instance count
 * @param bytesPerHour growth of its shallow bytes
 * @param bytes shallow bytes in the last histogram
 */
public record ClassGrowth(String className, double instancesPerHour, double bytesPerHour, long bytes) {
}
