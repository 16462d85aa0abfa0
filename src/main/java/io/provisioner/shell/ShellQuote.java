package io.provisioner.shell;

import java.util.List;
import java.util.regex.Pattern;

/**
 * POSIX shell quoting. A quoted word reads back as exactly the original bytes in bash and sh: single
 * quotes, with each embedded single quote written as {@code '\''}. Words made only of safe characters
 * stay bare so commands remain readable in logs.
 */
public final class ShellQuote {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {
    }

    public static String quote(String word) {
        if (word.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String word : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(quote(word));
        }
        return sb.toString();
    }
}
