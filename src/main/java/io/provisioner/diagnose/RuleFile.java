package io.provisioner.diagnose;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The YAML shape of a rule file, bound by Jackson; {@link RuleBook} validates and compiles it. */
record RuleFile(List<String> facts, List<Entry> rules, List<Structure> structure,
                @JsonProperty("cross_cutting") List<String> crossCutting) {

    record Entry(String id, String category, List<String> fixups, Integer priority, List<String> any,
                 List<String> all, String step, @JsonProperty("after_exit") Boolean afterExit,
                 @JsonProperty("in_trace") Boolean inTrace, Boolean hang,
                 String summary, @JsonProperty("learned_from") String learnedFrom,
                 @JsonProperty("competes_with") String competesWith) {
    }

    record Structure(String id, List<String> family, String fallback, Double weight, String functions, String files,
                     String commands, String errors, String services, String output, String advice,
                     List<String> absorbs, @JsonProperty("host_state") Boolean hostState,
                     @JsonProperty("learned_from") String learnedFrom) {
    }
}
