package org.bonlab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Output locations checked before any work is done, and a stream that reaches the terminal section by section. */
final class Outputs {

    private Outputs() {
    }

    /** A folder to write into: an existing writable folder, or one that can be created now. */
    static void requireDirectory(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must be a folder, but '%s' is %s", option, dir,
                    Files.isRegularFile(dir) ? "a file" : "not a folder"));
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must be a folder that can be created, but '%s' "
                    + "cannot be (%s)", option, dir, reason(e)), e);
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must be a writable folder, but '%s' is not "
                    + "writable", option, dir));
        }
    }

    /** A file to write: in an existing writable folder, and not a folder or a device itself. */
    static void requireFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must name a file, but '%s' is a folder", option,
                    file));
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must name a regular file, but '%s' is not one "
                    + "(a device or a special file)", option, file));
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must be in an existing folder, but the folder "
                    + "of '%s' does not exist", option, file));
        }
        if (!Files.isWritable(parent)) {
            throw new BadInputException(String.format(Locale.ROOT, "%s must be in a writable folder, but the folder of "
                    + "'%s' is not writable", option, file));
        }
    }

    /** Why reading or writing failed, as a person says it (not the exception's class). */
    static String reason(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "it does not exist";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        String m = e.getMessage();
        if (m != null && m.contains("Is a directory")) {
            return "it is a folder";
        }
        return m == null ? "an input/output error" : m;
    }

    /** UTF-8 bytes passed on to a writer, which is flushed whenever the stream is (so each section shows at once). */
    static OutputStream into(PrintWriter writer) {
        return new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public void flush() {
                writer.print(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
                writer.flush();
            }
        };
    }
}
