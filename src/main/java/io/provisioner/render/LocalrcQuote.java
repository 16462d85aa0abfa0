package io.provisioner.render;

import io.provisioner.shell.ShellQuote;
import io.provisioner.spec.LocalrcValue;

import java.util.regex.Matcher;

/**
 * Writes a localrc value for bash. Without references it is single-quoted (reads back byte for byte);
 * with {@code $NAME}/{@code ${NAME}} references it is double-quoted, the references left to expand and
 * every other {@code \ " $ `} escaped, so nothing but the references is ever interpreted.
 */
final class LocalrcQuote {
    private LocalrcQuote() {
    }

    static String quote(String value) {
        Matcher reference = LocalrcValue.REFERENCE.matcher(value);
        if (!reference.find()) {
            return ShellQuote.quote(value);
        }
        StringBuilder sb = new StringBuilder("\"");
        int from = 0;
        do {
            escape(value.substring(from, reference.start()), sb);
            sb.append(reference.group());
            from = reference.end();
        } while (reference.find());
        escape(value.substring(from), sb);
        return sb.append('"').toString();
    }

    private static void escape(String literal, StringBuilder sb) {
        for (char ch : literal.toCharArray()) {
            if (ch == '\\' || ch == '"' || ch == '$' || ch == '`') {
                sb.append('\\');
            }
            sb.append(ch);
        }
    }
}
