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
        Matcher m = LocalrcValue.REFERENCE.matcher(value);
        if (!m.find()) {
            return ShellQuote.quote(value);
        }
        StringBuilder sb = new StringBuilder("\"");
        int from = 0;
        do {
            escape(value.substring(from, m.start()), sb);
            sb.append(m.group());
            from = m.end();
        } while (m.find());
        escape(value.substring(from), sb);
        return sb.append('"').toString();
    }

    private static void escape(String literal, StringBuilder sb) {
        for (char c : literal.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
