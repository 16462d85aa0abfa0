package io.provisioner.remote;

import java.util.Map;

/** Signal names as SSH reports them ("KILL", "TERM") to the numbers a shell adds to 128. */
final class Signals {
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("ABRT", 6), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("SEGV", 11),
            Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15), Map.entry("USR1", 10),
            Map.entry("USR2", 12));

    private Signals() {
    }

    static int number(String name) {
        String bare = name.startsWith("SIG") ? name.substring(3) : name;
        return NUMBERS.getOrDefault(bare, 0);
    }
}
