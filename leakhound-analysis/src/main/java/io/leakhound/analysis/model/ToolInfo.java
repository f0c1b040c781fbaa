package io.leakhound.analysis.model;

/** The tool that wrote a report. */
public record ToolInfo(String name, String version) {
}
