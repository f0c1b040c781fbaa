/**
 * Renders the report model: {@link io.leakhound.report.TextReport} for terminals,
 * {@link io.leakhound.report.JsonReport} for machines (the shape of {@code docs/report-contract.md}),
 * {@link io.leakhound.report.html.HtmlReport} for people with a browser (one self-contained file).
 * Renderers print only what the model holds; redaction of heap values happens when the model is built.
 */
package io.leakhound.report;
