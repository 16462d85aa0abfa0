package io.provisioner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a localrc value may contain. {@code $NAME} and {@code ${NAME}} are references and expand when
 * DevStack sources the section; everything else is literal. Command substitution and other {@code ${...}}
 * forms are refused, because the user would expect them to run and they will not.
 */
public final class LocalrcValue {
    /**
     * A reference: {@code $NAME} or {@code ${NAME}}; group 1 or 2 is the name. A bare {@code $_} is bash's
     * "last argument", not a variable anyone means here, so it stays literal.
     */
    public static final Pattern REFERENCE = Pattern.compile(
            "\\$(?:([A-Za-z][A-Za-z0-9_]*|_[A-Za-z0-9_]+)|\\{([A-Za-z][A-Za-z0-9_]*|_[A-Za-z0-9_]+)})");

    private LocalrcValue() {
    }

    public static List<String> references(String value) {
        List<String> out = new ArrayList<>();
        Matcher reference = REFERENCE.matcher(value);
        while (reference.find()) {
            out.add(reference.group(1) != null ? reference.group(1) : reference.group(2));
        }
        return out;
    }

    /** Null when the value is acceptable, else "what; how to fix". */
    public static String problem(String value) {
        if (value.contains("$(") || value.contains("`")) {
            return "command substitution ($(...) or backticks) is not allowed in localrc values; write the literal value";
        }
        String rest = REFERENCE.matcher(value).replaceAll("");
        if (rest.contains("${")) {
            return "only $NAME and ${NAME} references are expanded; write the literal value instead of other ${...} forms";
        }
        return null;
    }
}
