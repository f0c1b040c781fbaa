/** Turning node paths from the graph into steps a person can read: root kinds, fields, array slots. */
package io.leakhound.analysis.paths;
