package io.leakhound.analysis.model;

import java.util.List;

/** A non-leak observation, such as waste, with the bytes it concerns. */
public record Finding(String pattern, String severity, String message, long bytes, List<String> ids) {
}
