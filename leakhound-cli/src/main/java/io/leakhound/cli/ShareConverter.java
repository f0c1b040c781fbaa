package io.leakhound.cli;

import picocli.CommandLine;

/** Reads a share of the heap: {@code 0.1} or {@code 10%}; must be in (0, 1]. */
final class ShareConverter implements CommandLine.ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        String v = value.trim();
        double share;
        try {
            share = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1)) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("not a share: '" + value + "' (use 0.1 or 10%)");
        }
        if (!(share > 0 && share <= 1)) {
            throw new CommandLine.TypeConversionException("share must be above 0 and at most 1 (100%): '" + value + "'");
        }
        return share;
    }
}
