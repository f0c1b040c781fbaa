/**
 * The report model: plain immutable records that the analysis produces and the renderers (text, JSON, HTML)
 * consume. Field names follow the JSON report contract in {@code docs/report-contract.md}.
 */
package io.leakhound.analysis.model;
