package org.bonlab.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.bonlab.examples.Example1;
import org.bonlab.examples.Example1Kotlin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bonlab reproduce}: the main job, the papers' results reproduced by the spec scripts. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        footer = {"", "Example:", "  bonlab reproduce --out bonlab-output"},
        description = "Reproduce the papers' results: Example 1 (closed form, LaTeX, limit, "
        + "table, claims), Figures 1-3 (CSV, PNG, SVG under --out), the tradeoff figures (reward and win rate "
        + "against KL; soft best-of-n's KL against n; CSV and PNG) and the theorem catalogue. Exit code 1 if a "
        + "claim did not get its expected verdict.")
final class ReproduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--out", paramLabel = "DIR", defaultValue = "bonlab-output",
            description = "Folder for the figures' CSV, PNG and SVG files (default: bonlab-output).")
    java.nio.file.Path out;

    @picocli.CommandLine.Option(names = "--formats", paramLabel = "LIST", defaultValue = "png,svg",
            description = "Figure formats besides CSV: any of png, svg, pdf, comma-separated (default png,svg).")
    String formats;

    @picocli.CommandLine.Option(names = "--dpi", paramLabel = "D", defaultValue = "72",
            description = "PNG resolution, 72 to 600 (default 72: 720 x 480 pixels; 300 gives 3000 x 2000).")
    int dpi;

    @picocli.CommandLine.Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the theorem catalogue's counterexample search (default 1).")
    long seed;

    @picocli.CommandLine.Option(names = "--evaluations", paramLabel = "K",
            defaultValue = "" + org.bonlab.numeric.claim.ConjectureSearch.DEFAULT_EVALUATIONS,
            description = "Evaluations per claim of the catalogue's search (default "
                    + org.bonlab.numeric.claim.ConjectureSearch.DEFAULT_EVALUATIONS + ").")
    int evaluations;

    /** The sections of {@code reproduce}, in the order they run. */
    static final java.util.List<String> SECTIONS = java.util.List.of("example1", "kotlin", "figures", "tradeoffs",
            "catalogue");

    @picocli.CommandLine.Option(names = "--sections", paramLabel = "LIST", defaultValue = "all",
            description = "Which parts to run, comma-separated: example1, kotlin, figures, tradeoffs, catalogue, or "
                    + "all (default all).")
    String sections;

    @Override
    public Integer call() {
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String f : formats.split(",", -1)) {
            String t = f.strip().toLowerCase(java.util.Locale.ROOT);
            if (!org.bonlab.examples.BeiramiFigures.FORMATS.contains(t)) {
                throw new BadInputException("--formats must list png, svg or pdf, separated by commas, but has '" + f
                        + "'");
            }
            chosen.add(t);
        }
        java.util.Set<String> parts = new java.util.HashSet<>();
        for (String f : sections.split(",", -1)) {
            String t = f.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("all")) {
                parts.addAll(SECTIONS);
            } else if (SECTIONS.contains(t)) {
                parts.add(t);
            } else {
                throw new BadInputException("--sections must list " + String.join(", ", SECTIONS)
                        + " or all, separated by commas, but has '" + f + "'");
            }
        }
        if (evaluations < 10) {
            throw new BadInputException("--evaluations must be at least 10, but was " + evaluations);
        }
        if (dpi < 72 || dpi > 600) {
            throw new BadInputException("--dpi must be from 72 to 600, but was " + dpi);
        }
        Outputs.requireDirectory(this.out, "--out"); // before any work: a bad folder must not cost the run
        // each section reaches the terminal as soon as it is done (println flushes)
        PrintStream out = new PrintStream(Outputs.into(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
        boolean ok = true;
        boolean first = true;
        for (String part : SECTIONS) {
            if (!parts.contains(part)) {
                continue;
            }
            if (!first) {
                out.println();
            }
            first = false;
            switch (part) {
                case "example1" -> ok &= Example1.run(out);
                case "kotlin" -> ok &= Example1Kotlin.run(out);
                case "figures" -> {
                    out.println("Figures 1-3 of Beirami et al.: exact KL, Eq. (5), Eq. (26) and Eq. (28) against "
                            + "n = 1..1e7");
                    org.bonlab.examples.BeiramiFigures.run(this.out, out, chosen, dpi);
                }
                case "tradeoffs" -> {
                    out.println("Tradeoffs: expected reward and win rate against KL (best-of-n, tilted optimum, "
                            + "rewind-and-repeat, best-of-Poisson, win-rate-optimal tilting; PNG and CSV), and soft "
                            + "best-of-n's KL against n");
                    org.bonlab.examples.TradeoffFigures.run(this.out, out);
                }
                default -> ok &= org.bonlab.examples.TheoremCatalogue.run(out, seed, evaluations);
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
