package io.provisioner.cli;

import io.provisioner.probe.ProbeTarget;

import java.io.BufferedReader;
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
            try (BufferedReader lines = Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
                read(name, lines, into);
            }
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "targets file " + name + " does not exist");
        } catch (IOException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "targets file " + name + " cannot be read: " + e.getMessage());
        }
    }

    private static void read(String name, BufferedReader lines, List<ProbeTarget> into) throws IOException {
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
