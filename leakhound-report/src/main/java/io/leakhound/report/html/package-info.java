/**
 * Self-contained HTML reports: {@link io.leakhound.report.html.HtmlPage} is the skeleton and shared
 * stylesheet and scripts (in this package's resources), {@link io.leakhound.report.html.HtmlReport} the page
 * of one analysis. A page embeds its data as JSON and draws it with small hand-written scripts; it loads
 * nothing from anywhere when opened.
 */
package io.leakhound.report.html;
