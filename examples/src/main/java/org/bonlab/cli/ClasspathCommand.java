package org.bonlab.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code bonlab classpath}: the class path bonlab runs with, every {@code dir/*} entry written out as its jars, for
 * JShell ({@code jshell --class-path "$(./bonlab classpath)"}) and other tools that do not expand wildcards.
 */
@Command(name = "classpath", mixinStandardHelpOptions = true,
        description = "Print the class path bonlab runs with (jars written out), for JShell or kotlinc.",
        footer = {"", "Example:", "  jshell --class-path \"$(./bonlab classpath)\""})
final class ClasspathCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        spec.commandLine().getOut().println(String.join(File.pathSeparator,
                expand(System.getProperty("java.class.path", ""))));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The entries of a class path, each {@code dir/*} replaced by the jars in dir (sorted). */
    static List<String> expand(String classPath) throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.endsWith("*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1));
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> jars = Files.list(dir)) {
                        jars.filter(p -> p.toString().endsWith(".jar") || p.toString().endsWith(".JAR")).sorted()
                                .forEach(p -> out.add(p.toAbsolutePath().toString()));
                    }
                }
            } else {
                out.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return out;
    }
}
