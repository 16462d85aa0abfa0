package io.provisioner.diagnose;

import java.util.Map;

/**
 * Fills {@code ${fact}} and {@code ${fact|fallback}} placeholders; a fallback may itself hold placeholders
 * ({@code ${service|${unit|a service}}}). A missing fact without fallback reads "(unknown)".
 */
final class SummaryTemplate {
    private SummaryTemplate() {
    }

    static String render(String template, Map<String, String> facts) {
        return render(template, facts, 0);
    }

    private static String render(String template, Map<String, String> facts, int depth) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("${", i);
            int close = open < 0 ? -1 : matchingBrace(template, open + 2);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String body = template.substring(open + 2, close);
            int bar = body.indexOf('|');
            String key = (bar < 0 ? body : body.substring(0, bar)).trim();
            String value = facts.get(key);
            if (value == null || value.isEmpty()) {
                value = bar < 0 ? "(unknown)" : depth < 4 ? render(body.substring(bar + 1), facts, depth + 1)
                        : body.substring(bar + 1);
            }
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }

    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
