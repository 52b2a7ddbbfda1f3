package org.bonlab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bonlab.claim.Claim;
import org.bonlab.numeric.interval.CertificateVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bonlab verify CERT}: re-checks a certificate written by {@code bonlab check --certificate DIR} with an
 * arithmetic independent of the one that made the proof ({@link CertificateVerifier}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, version = "bonlab 0.1.0",
        description = "Re-check a certificate of a PROVED claim (written by 'bonlab check --certificate DIR'): the "
                + "claim is rebuilt from the spec source the certificate carries and must have the recorded "
                + "statement, the pieces must cover its whole domain, and the margin is enclosed again on every "
                + "piece in exact rational arithmetic (log, exp, log1p, expm1 and powers by series with rigorous "
                + "remainder bounds), independent of the floating interval arithmetic that made the proof. "
                + "A proof by the gap-bound argument (Thm 2 and Cor 2 over a simplex) is re-checked n by n: "
                + "exact integers, or the argument's room enclosed in exact arithmetic.",
        footer = {"", "Exit codes: 0 confirmed, 1 rejected (the reason on stdout), 2 a malformed certificate or option.",
                "", "Example:", "  bonlab check examples/specs/Certified.java --certificate certs",
                "  bonlab verify certs/01-theorem-1-on-the-coin-every-n.cert"})
final class VerifyCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CERT", description = "The certificate file.")
    Path file;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Time limit for the re-check (default 600 s); past it, the certificate is not confirmed.")
    int timeout;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(String.format(Locale.ROOT, "CERT must be an existing file, but '%s' is %s",
                    file, Files.isDirectory(file) ? "a directory" : "missing"));
        }
        if (timeout < 1) {
            throw new BadInputException("--timeout must be at least 1 second, but was " + timeout);
        }
        Certificate cert = Certificate.read(file);
        Path dir = Files.createTempDirectory("bonlab-verify");
        Path source = dir.resolve(cert.specFile());
        Files.writeString(source, cert.specSource());
        int code = SpecRunner.run("verify", source, timeout, s -> {
            Claim claim = null;
            for (Claim c : SpecRunner.claims(s, source)) {
                if (c.name().equals(cert.claim())) {
                    claim = c;
                }
            }
            if (claim == null) {
                throw new BadInputException(String.format(Locale.ROOT, "CERT %s names the claim '%s', but its spec "
                        + "source has no claim of that name", file, cert.claim()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!claim.statement().equals(cert.statement())) {
                out.printf(Locale.ROOT, "REJECTED %s: the spec source states '%s', but the certificate records '%s'%n",
                        cert.claim(), claim.statement(), cert.statement());
                out.flush();
                return 1;
            }
            CertificateVerifier.Verification v = CertificateVerifier.verify(claim, cert.covering(),
                    Duration.ofSeconds(timeout));
            out.printf(Locale.ROOT, "%s %s: %s%n", v.confirmed() ? "CONFIRMED" : "REJECTED", cert.claim(), v.message());
            out.flush();
            return v.confirmed() ? 0 : 1;
        });
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return code;
    }
}
