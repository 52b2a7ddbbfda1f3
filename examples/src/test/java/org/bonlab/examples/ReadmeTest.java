package org.bonlab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java code blocks compile as shown, each a compilation unit, against bonlab's class path. */
class ReadmeTest {

    @Test
    @DisplayName("every ```java block of the README compiles as shown")
    void javaBlocksCompile(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertTrue(blocks.size() >= 3, "the README has its Java examples: " + blocks.size());
        for (String block : blocks) {
            Matcher name = Pattern.compile("public (?:final )?class (\\w+)").matcher(block);
            assertTrue(name.find(), "a block must declare a public class to compile as shown:\n" + block);
            Path src = dir.resolve(name.group(1) + ".java");
            Files.writeString(src, block, StandardCharsets.UTF_8);
            StringWriter diagnostics = new StringWriter();
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(), "-cp",
                    System.getProperty("java.class.path"), "-proc:none", src.toString());
            assertEquals(0, rc, "README block " + name.group(1) + " does not compile:\n" + block + diagnostics);
        }
    }
}
