package io.provisioner.cli;

import io.provisioner.probe.ProbeTarget;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A file of probe targets ({@code probe @FILE}, {@code probe --targets FILE}, {@code -} for stdin), read straight
 * into {@link ProbeTarget}s: picocli's own expansion of {@code @FILE} turned each line into a command-line
 * argument first, and for a sweep of 20 000 ports that took longer than the probes. The format is picocli's
 * argument file as far as targets need it: targets separated by white space or new lines, a {@code #} at the
 * start of a word comments out the rest of its line, a word in matching single or double quotes loses them.
 * Options are not read from it (an option-looking word is bad input naming its line). A bad target is bad
 * input naming {@code FILE:LINE}.
 */
final class ProbeTargetsFile {
    private ProbeTargetsFile() {
    }

    /** Adds the targets of {@code name} ({@code -}: standard input) to {@code into}. */
    static void read(String name, InputStream stdin, List<ProbeTarget> into) {
        try {
            if (name.equals("-")) {
                read("<stdin>", new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), into);
                return;
            }
            byte[] bytes = Files.readAllBytes(Path.of(name));
            if (!readAscii(name, bytes, into)) {
                // the decoder Files.newBufferedReader uses: bytes that are not UTF-8 are an error, not replaced
                read(name, new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes),
                        StandardCharsets.UTF_8.newDecoder())), into);
            }
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "targets file " + name + " does not exist");
        } catch (IOException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "targets file " + name + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * The same reading as {@link #read(String, BufferedReader, List)} in one pass over the bytes, for a file that is all
     * ASCII (a sweep's file of thousands of targets): no decoding, no line strings, and the white space test a byte
     * compare. Those passes run in the interpreter at a cold start, before the first probe can start. Returns false,
     * having added nothing, when a byte is not ASCII: the decoding reader then decides (its errors, Unicode white space).
     */
    static boolean readAscii(String name, byte[] bytes, List<ProbeTarget> into) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        int end = bytes.length;
        int line = 1;
        int at = 0;
        while (at < end) {
            byte b = bytes[at];
            // line ends as BufferedReader.readLine counts them: \n, \r, or \r\n
            if (b == '\n' || b == '\r') {
                at += b == '\r' && at + 1 < end && bytes[at + 1] == '\n' ? 2 : 1;
                line++;
            } else if (isWhitespace(b)) {
                at++;
            } else if (b == '#') {
                while (at < end && bytes[at] != '\n' && bytes[at] != '\r') {
                    at++;
                }
            } else {
                int wordStart = at;
                while (at < end && !isWhitespace(bytes[at])) {
                    at++;
                }
                // ASCII: ISO-8859-1 gives the same characters as UTF-8, without a decoder
                into.add(target(name, line, unquoted(new String(bytes, wordStart, at - wordStart, StandardCharsets.ISO_8859_1))));
            }
        }
        return true;
    }

    /** {@link Character#isWhitespace} of an ASCII byte (line ends included). */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b >= '\t' && b <= '\r' || b >= 0x1C && b <= 0x1F;
    }

    static void read(String name, BufferedReader lines, List<ProbeTarget> into) throws IOException {
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            int end = line.length();
            int at = 0;
            while (at < end) {
                while (at < end && Character.isWhitespace(line.charAt(at))) {
                    at++;
                }
                if (at == end || line.charAt(at) == '#') {
                    break;
                }
                int wordStart = at;
                while (at < end && !Character.isWhitespace(line.charAt(at))) {
                    at++;
                }
                into.add(target(name, number, unquoted(line.substring(wordStart, at))));
            }
        }
    }

    private static ProbeTarget target(String name, int line, String word) {
        if (word.startsWith("-")) {
            throw new UserError(ExitCodes.BAD_INPUT, name + ":" + line + ": '" + word
                    + "' looks like an option; a targets file holds targets only (give options on the command line)");
        }
        try {
            return ProbeTarget.parse(word);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.BAD_INPUT, name + ":" + line + ": " + e.getMessage());
        }
    }

    private static String unquoted(String word) {
        if (word.length() >= 2 && (word.charAt(0) == '"' || word.charAt(0) == '\'')
                && word.charAt(word.length() - 1) == word.charAt(0)) {
            return word.substring(1, word.length() - 1);
        }
        return word;
    }
}
