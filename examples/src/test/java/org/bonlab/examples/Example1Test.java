package org.bonlab.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Example1Test {

    @Test
    void javaSpecGetsEveryExpectedVerdict() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertTrue(Example1.run(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String out = buf.toString(StandardCharsets.UTF_8);
        // Table row n = 2: reference coin,n=2 (mpmath): KL 0.13081203594113695913, Eq. 5 0.19314718055994530942.
        assertTrue(out.contains("  2  0.1308120359411369"), out);
        assertTrue(out.contains("0.193147180559945"), out);
    }

    @Test
    void kotlinSpecRunsWithOperatorSyntax() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertTrue(Example1Kotlin.run(new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String out = buf.toString(StandardCharsets.UTF_8);
        // n = 2: gap = Eq. 5 - Eq. 6 = 0.19314718055994530942 - 0.13081203594113695913 = 0.06233514461880835.
        assertTrue(out.contains("n =    2  gap = 0.062335144619"), out);
        assertTrue(out.contains("verdict:     PROVED"), out); // certified by intervals, tight n = 1 included
    }
}
