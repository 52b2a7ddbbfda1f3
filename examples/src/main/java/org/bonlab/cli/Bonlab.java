package org.bonlab.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bonlab} command line. Exit codes: 0 success, 1 a claim did not get its expected verdict, 2 bad
 * input (one line on stderr naming the parameter, the value and the rule; nothing on stdout).
 */
@Command(name = "bonlab", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Exact, symbolic and numeric theory of best-of-n alignment.",
        footer = {"", "Exit codes: 0 success, 1 a claim did not get its expected verdict, 2 bad input.",
                "Run 'bonlab COMMAND --help' for a command's options and an example."})
public final class Bonlab implements Runnable {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("batch")
                || args[0].equals("derive") && !DeriveCommand.derivesWithoutSymja(args))) {
            org.bonlab.symbolic.SymbolicEngine.prewarm(); // Symja loads while the command line is parsed
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs a command line, writing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Bonlab());
        // picocli reads every subcommand's annotations when it is added: a command line naming one builds that one
        // (a cold derivation's start-up), anything else (help, a typo, no command) all of them
        java.util.Optional<Object> only = args.length == 0 ? java.util.Optional.empty() : subcommand(args[0]);
        if (only.isPresent()) {
            cl.addSubcommand(args[0], only.get());
        } else {
            for (String name : SUBCOMMANDS) {
                cl.addSubcommand(name, subcommand(name).orElseThrow());
            }
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            String name = ex.getCommandLine().getCommandName();
            err.println(prefix(ex.getCommandLine()) + ex.getMessage() + " (see 'bonlab "
                    + ("bonlab".equals(name) ? "" : name + " ") + "--help')");
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof BadInputException) {
                err.println(prefix(c) + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** The subcommands, in the order the usage lists them. */
    static final java.util.List<String> SUBCOMMANDS = java.util.List.of("eval", "derive", "check", "reproduce",
            "tighten", "verify", "estimate", "frontier", "batch", "classpath");

    /** A new instance of the subcommand {@code name}; empty for a name that is none of {@link #SUBCOMMANDS}. */
    private static java.util.Optional<Object> subcommand(String name) {
        return java.util.Optional.ofNullable(switch (name) {
            case "eval" -> new EvalCommand();
            case "derive" -> new DeriveCommand();
            case "check" -> new CheckCommand();
            case "reproduce" -> new ReproduceCommand();
            case "tighten" -> new TightenCommand();
            case "verify" -> new VerifyCommand();
            case "estimate" -> new EstimateCommand();
            case "frontier" -> new FrontierCommand();
            case "batch" -> new BatchCommand();
            case "classpath" -> new ClasspathCommand();
            default -> null;
        });
    }

    private static String prefix(CommandLine c) {
        String name = c.getCommandName();
        return "bonlab".equals(name) ? "bonlab: " : "bonlab " + name + ": ";
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
