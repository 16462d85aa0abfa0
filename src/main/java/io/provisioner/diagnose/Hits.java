package io.provisioner.diagnose;

import java.util.Map;

/** The matches of one pattern, kept in constant space: the first one, the latest one and a count. */
final class Hits {
    long count;
    long firstLine;
    String firstText;
    Map<String, String> firstFacts;
    long lastLine;
    String lastText;
    Map<String, String> lastFacts;

    void add(long line, String text, Map<String, String> facts) {
        if (count++ == 0) {
            firstLine = line;
            firstText = text;
            firstFacts = facts;
        }
        lastLine = line;
        lastText = text;
        lastFacts = facts;
    }
}
