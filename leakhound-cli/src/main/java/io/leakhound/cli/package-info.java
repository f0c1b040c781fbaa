/**
 * The {@code leakhound} command line: one picocli class per subcommand, no analysis logic. Exit codes
 * (see {@link io.leakhound.cli.ExitCodes}) follow the report contract.
 */
package io.leakhound.cli;
