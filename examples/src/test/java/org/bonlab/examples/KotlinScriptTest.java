package org.bonlab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shipped Kotlin script runs against bonlab: compiled and run by Kotlin's scripting host (JSR-223, the engine
 * behind {@code .kts} files) with bonlab on the class path, as {@code kotlinc -cp "$(./bonlab classpath)" -script}
 * does.
 */
class KotlinScriptTest {

    @Test
    @DisplayName("examples/scripts/coin.main.kts prints the coin's KL (0.1308 at n = 2) and proves Theorem 1 on it")
    void coinScript() throws Exception {
        System.setProperty("kotlin.script.classpath", System.getProperty("java.class.path"));
        ScriptEngine kotlin = new ScriptEngineManager().getEngineByExtension("kts");
        assertNotNull(kotlin, "the Kotlin JSR-223 engine is on the test class path");
        String script = Files.readString(Path.of("scripts/coin.main.kts"), StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PrintStream saved = System.out;
        Object result;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            result = kotlin.eval(script);
        } finally {
            System.setOut(saved);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        // coin,n=2 of the 60-digit reference table: 0.13081203594113695913
        assertTrue(out.contains("n = 2: KL = 0.13081203594113697, log n - (n-1)/n = 0.1931471805599453"), out);
        assertTrue(out.contains("Theorem 1 on the coin: PROVED"), out);
        assertEquals("PROVED", result);
    }
}
