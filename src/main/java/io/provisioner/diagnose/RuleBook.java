package io.provisioner.diagnose;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The compiled rules plus the literal prefilter over all their patterns. Loaded from YAML rule files; every
 * category and fix-up name is checked against {@link Vocabulary}, every regex compiled, so a bad rule file fails
 * at load with the rule id and the reason. The built-in rules, read from rules.bin, were checked so when the build
 * derived that file ({@link CompactRules}); their rule and fact regexes are compiled when a line first reaches them,
 * and their literals come from that file. The two relevance filters a scan starts with are built at load; the
 * automata and structure regexes, which only the decoded lines and the diagnosis need, by {@link #complete()}: at
 * load for YAML files, for the built-in file by the first caller, so that a scan runs on its workers meanwhile.
 */
public final class RuleBook {
    /** The built-in rule file, on the classpath next to this class's package resources. */
    public static final String BUILTIN = "/io/provisioner/diagnose/rules.yaml";

    /**
     * The YAML binder, made on first use: the CLI starts from the derived rules.bin ({@link CompactRules}), and
     * a mapper made with this class would load Jackson's YAML classes on every diagnose for nothing.
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    final List<Rule> rules;
    /** Every pattern (rule patterns and fact patterns) in one list; the prefilter reports indexes into it. */
    final List<CompiledPattern> patterns;
    /** Patterns with no certain literal: tried on every line. */
    final int[] unfiltered;

    /**
     * One rule or fact regex: its literals (the prefilter's) at once, the Pattern and its named groups on first use.
     * Most patterns never see a line (their literals are absent): compiling all of them, and listing their groups,
     * was about a third of building the built-in rule book on a cold start.
     */
    static final class CompiledPattern {
        private final String source;
        private final int rule;
        private final List<String> literals;
        private volatile Pattern regex;
        private volatile List<String> groups;

        CompiledPattern(String source, Pattern regex, int rule, List<String> literals) {
            this.source = source;
            this.regex = regex;
            this.rule = rule;
            this.literals = literals;
        }

        String source() {
            return source;
        }

        Pattern regex() {
            Pattern compiled = regex;
            if (compiled == null) {
                compiled = Pattern.compile(source);
                regex = compiled;
            }
            return compiled;
        }

        /** The rule's index; -1 for a fact pattern, -2 for a step or structure regex. */
        int rule() {
            return rule;
        }

        List<String> groups() {
            List<String> names = groups;
            if (names == null) {
                names = NamedGroups.of(source);
                groups = names;
            }
            return names;
        }

        List<String> literals() {
            return literals;
        }
    }

    /** Per rule, the indexes into {@link #patterns} of its 'any' and 'all' patterns. */
    final List<int[]> anyIndexes;
    final List<int[]> allIndexes;

    /** The structure rules, validated, their regexes not yet compiled (see {@link #complete()}). */
    private final List<PendingStructure> pendingStructure;
    /** Literals of {@link #index} and {@link #traceIndex}, by literal id. */
    private final List<String> indexLiterals;
    private final List<String> traceIndexLiterals;
    /** What {@link #complete()} builds; null before. */
    private volatile Completed completed;

    /** The part of the book only decoded lines and the diagnosis need. */
    private record Completed(LiteralIndex index, LiteralIndex traceIndex, List<StructureRule> structure) {
    }

    /** A validated structure rule whose regexes are compiled by {@link #complete()}. */
    private record PendingStructure(String where, RuleFile.Structure source, String fallback) {
        StructureRule compile() {
            RuleFile.Structure st = source;
            return new StructureRule(st.id(), List.copyOf(st.family()), fallback,
                    st.weight() == null ? 4.0 : st.weight(), optional(where, st.functions()),
                    optional(where, st.files()), optional(where, st.commands()), optional(where, st.errors()),
                    optional(where, st.services()), optional(where, st.output()),
                    st.absorbs() == null ? List.of() : List.copyOf(st.absorbs()), Boolean.TRUE.equals(st.hostState()),
                    st.advice() == null ? "" : st.advice().trim());
        }
    }

    /** Categories a failure of any DevStack function can show (disk, memory, DNS, ...): structure never contradicts them. */
    final Set<String> crossCutting;

    private RuleBook(List<Rule> rules, List<CompiledPattern> patterns, List<int[]> anyIdx, List<int[]> allIdx,
                     List<PendingStructure> structure, Set<String> crossCutting, Function<String, List<String>> literals,
                     Map<String, Integer> firstWindows) {
        this.pendingStructure = List.copyOf(structure);
        this.crossCutting = Set.copyOf(crossCutting);
        this.rules = List.copyOf(rules);
        this.anyIndexes = List.copyOf(anyIdx);
        this.allIndexes = List.copyOf(allIdx);
        this.patterns = List.copyOf(patterns);
        List<String> lits = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> always = new ArrayList<>();
        for (int pattern = 0; pattern < patterns.size(); pattern++) {
            List<String> patternLiterals = patterns.get(pattern).literals();
            if (patternLiterals.isEmpty()) {
                always.add(pattern);
            }
            for (String literal : patternLiterals) {
                lits.add(literal);
                owner.add(pattern);
            }
        }
        this.literalOwner = owner.stream().mapToInt(Integer::intValue).toArray();
        this.indexLiterals = List.copyOf(lits);
        this.unfiltered = always.stream().mapToInt(Integer::intValue).toArray();
        // xtrace lines ('+...') are often half of a DevStack log but only facts and in_trace rules look at them
        List<String> traceLits = new ArrayList<>();
        List<Integer> traceOwner = new ArrayList<>();
        for (int pattern = 0; pattern < patterns.size(); pattern++) {
            int ruleIndex = patterns.get(pattern).rule();
            if (ruleIndex == -1 || (ruleIndex >= 0 && rules.get(ruleIndex).inTrace())) {
                for (String literal : patterns.get(pattern).literals()) {
                    traceLits.add(literal);
                    traceOwner.add(pattern);
                }
            }
        }
        this.traceIndexLiterals = List.copyOf(traceLits);
        List<String> relevant = new ArrayList<>(lits);
        relevant.addAll(io.provisioner.devstack.StackLogReader.markers());
        List<String> stateLits = new ArrayList<>();
        for (PendingStructure pending : structure) {
            RuleFile.Structure st = pending.source();
            if (Boolean.TRUE.equals(st.hostState()) && st.output() != null) {
                stateLits.addAll(literals.apply(unwrapped(st.output())));
            }
        }
        this.hostStateLiterals = List.copyOf(stateLits);
        relevant.addAll(stateLits);
        this.relevanceLiterals = List.copyOf(relevant);
        this.relevance = always.isEmpty() ? new ByteLiterals(relevant, firstWindows) : null;
        // diagnose speed (LogScanner): an xtrace line matters only for the literals the session tries on one
        List<String> relevantTrace = new ArrayList<>(traceLits);
        relevantTrace.addAll(io.provisioner.devstack.StackLogReader.markers());
        relevantTrace.addAll(stateLits);
        this.traceRelevance = always.isEmpty() ? new ByteLiterals(relevantTrace, firstWindows) : null;
        this.traceLiteralOwner = traceOwner.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Every literal a line must hold to matter outside the last lines before the failure (rule and fact literals,
     * the log reader's markers); null when some pattern has no literal, so every line matters.
     */
    final ByteLiterals relevance;
    /** The literals of {@link #relevance} (its windows are chosen at build time: {@link CompactRules}). */
    final List<String> relevanceLiterals;
    /** The literals that make an xtrace line matter: those of {@link #traceIndex} and the markers. */
    final ByteLiterals traceRelevance;

    /** literal id to pattern index */
    final int[] literalOwner;
    /** Literals of the host-state structure rules' output (see {@link StructureRule#hostState()}). */
    private final List<String> hostStateLiterals;

    /** Whether an output line can speak for a host-state family: it holds one of their output literals. */
    boolean hostStateLine(String text) {
        for (String literal : hostStateLiterals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    final int[] traceLiteralOwner;

    /**
     * Builds what the scan's filters do not need, once: the literal automata for decoded lines and the structure
     * regexes. A caller that starts a scan first (the workers need only {@link #relevance}) builds it on its own
     * thread meanwhile; any later caller, on any thread, waits for it or finds it done.
     */
    void complete() {
        parts();
    }

    private Completed parts() {
        Completed done = completed;
        if (done == null) {
            synchronized (this) {
                done = completed;
                if (done == null) {
                    List<StructureRule> structure = new ArrayList<>(pendingStructure.size());
                    for (PendingStructure pending : pendingStructure) {
                        structure.add(pending.compile());
                    }
                    done = new Completed(new LiteralIndex(indexLiterals), new LiteralIndex(traceIndexLiterals),
                            List.copyOf(structure));
                    completed = done;
                }
            }
        }
        return done;
    }

    /** The prefilter for lines other than xtrace: every rule and fact literal. */
    LiteralIndex index() {
        return parts().index();
    }

    /** The prefilter for xtrace lines: literals of fact patterns and in_trace rules only. */
    LiteralIndex traceIndex() {
        return parts().traceIndex();
    }

    /** Whether {@link #complete()} has run (for the tests). */
    boolean isComplete() {
        return completed != null;
    }

    /**
     * The rules shipped with the provisioner: rules.yaml, as the package step derived it ({@link CompactRules}; its
     * copy beside the jar when there is one, else the jar's resource), or the YAML itself when the derived form is
     * missing.
     */
    public static RuleBook builtin() {
        return builtin(CompactRules.besideJar(System.getProperty("java.class.path")));
    }

    /** @param beside the derived rules' copy beside the jar, or null for the jar's (the classpath's) resource */
    static RuleBook builtin(File beside) {
        try (InputStream compact = beside != null ? new FileInputStream(beside)
                : RuleBook.class.getResourceAsStream(CompactRules.RESOURCE)) {
            if (compact != null) {
                CompactRules.Derived derived = CompactRules.readDerived(compact);
                Map<String, List<String>> known = derived.literals();
                return compile(List.of(derived.rules()), List.of(BUILTIN), null, false, source -> {
                    List<String> literals = known.get(source);
                    return literals != null ? literals : LiteralExtractor.literals(source);
                }, derived.firstWindows());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builtinYaml();
    }

    /** The rules shipped with the provisioner, read from rules.yaml. */
    static RuleBook builtinYaml() {
        try (InputStream in = RuleBook.class.getResourceAsStream(BUILTIN)) {
            if (in == null) {
                throw new IllegalStateException("built-in rules missing from the classpath: " + BUILTIN);
            }
            return load(List.of(in), List.of(BUILTIN), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds one YAML rule file; a file that does not parse fails with its name. Null for an empty file. */
    static RuleFile parse(InputStream in, String name) {
        try {
            return Yaml.MAPPER.readValue(in, RuleFile.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Loads and merges rule files (the later files may add rules; ids must stay unique). */
    public static RuleBook load(List<InputStream> files, List<String> names) throws IOException {
        return load(files, names, null);
    }

    /**
     * Loads rule files leaving out the rules whose {@code learned_from} names {@code heldOut}: the corpus half a rule
     * was written from must not score it (the held-out accuracy test scores each half without its own rules).
     */
    public static RuleBook load(List<InputStream> files, List<String> names, String heldOut) throws IOException {
        List<RuleFile> parsed = new ArrayList<>();
        for (int fileIndex = 0; fileIndex < files.size(); fileIndex++) {
            parsed.add(parse(files.get(fileIndex), names.get(fileIndex)));
        }
        return compile(parsed, names, heldOut, true);
    }

    /**
     * Validates and compiles bound rule files (null entries are empty files).
     *
     * @param checkRegexes compile every rule and fact regex now, refusing a bad one; else each on first use (the
     *                     derived built-in file, whose regexes the build checked)
     */
    static RuleBook compile(List<RuleFile> files, List<String> names, String heldOut, boolean checkRegexes) {
        return compile(files, names, heldOut, checkRegexes, LiteralExtractor::literals);
    }

    /**
     * @param checkRegexes also compile the structure regexes and literal automata now ({@link #complete()})
     * @param literals     a regex's prefilter literals: {@link LiteralExtractor}'s, or the derived file's copy
     */
    static RuleBook compile(List<RuleFile> files, List<String> names, String heldOut, boolean checkRegexes,
                            Function<String, List<String>> literals) {
        return compile(files, names, heldOut, checkRegexes, literals, Map.of());
    }

    /** @param firstWindows the relevance filters' windows per literal ({@link ByteLiterals}); others: their first */
    static RuleBook compile(List<RuleFile> files, List<String> names, String heldOut, boolean checkRegexes,
                            Function<String, List<String>> literals, Map<String, Integer> firstWindows) {
        List<Rule> rules = new ArrayList<>();
        List<CompiledPattern> patterns = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<int[]> anyIdx = new ArrayList<>();
        List<int[]> allIdx = new ArrayList<>();
        List<PendingStructure> structure = new ArrayList<>();
        Set<String> crossCutting = new HashSet<>();
        for (int fileIndex = 0; fileIndex < files.size(); fileIndex++) {
            String name = names.get(fileIndex);
            RuleFile file = files.get(fileIndex);
            if (file == null) {
                continue;
            }
            for (String fact : file.facts() == null ? List.<String>of() : file.facts()) {
                patterns.add(compile("facts", fact, -1, checkRegexes, literals));
            }
            for (String category : file.crossCutting() == null ? List.<String>of() : file.crossCutting()) {
                if (!Vocabulary.CATEGORIES.contains(category)) {
                    throw new IllegalArgumentException(name + ": cross_cutting: unknown category '" + category + "'");
                }
                crossCutting.add(category);
            }
            for (RuleFile.Structure st : file.structure() == null ? List.<RuleFile.Structure>of() : file.structure()) {
                if (st.learnedFrom() != null && !st.learnedFrom().matches("[AB]")) {
                    throw new IllegalArgumentException(name + ": structure " + st.id() + ": learned_from must be A or B");
                }
                if (heldOut == null || !heldOut.equals(st.learnedFrom())) {
                    structure.add(structure(name, st, ids, literals));
                }
            }
            for (RuleFile.Entry entry : file.rules() == null ? List.<RuleFile.Entry>of() : file.rules()) {
                String where = name + ": rule " + entry.id();
                if (entry.id() == null || !ids.add(entry.id())) {
                    throw new IllegalArgumentException(where + ": missing or duplicate id");
                }
                if (entry.learnedFrom() != null && !entry.learnedFrom().matches("[AB]")) {
                    throw new IllegalArgumentException(where + ": learned_from must be A or B");
                }
                if (heldOut != null && heldOut.equals(entry.learnedFrom())) {
                    continue;
                }
                if (!Vocabulary.CATEGORIES.contains(entry.category())) {
                    throw new IllegalArgumentException(where + ": unknown category '" + entry.category() + "'");
                }
                List<String> fixups = entry.fixups() == null ? List.of() : entry.fixups();
                for (String fx : fixups) {
                    if (!Vocabulary.FIXUPS.contains(fx)) {
                        throw new IllegalArgumentException(where + ": unknown fix-up '" + fx + "'");
                    }
                }
                if (entry.competesWith() != null && (!Vocabulary.CATEGORIES.contains(entry.competesWith())
                        || entry.competesWith().equals(entry.category()))) {
                    throw new IllegalArgumentException(where + ": competes_with must name another category, not '"
                            + entry.competesWith() + "'");
                }
                if (entry.summary() == null || entry.summary().isBlank()) {
                    throw new IllegalArgumentException(where + ": summary is required");
                }
                List<String> any = entry.any() == null ? List.of() : entry.any();
                List<String> all = entry.all() == null ? List.of() : entry.all();
                if (any.isEmpty() && all.isEmpty() && entry.step() == null) {
                    throw new IllegalArgumentException(where + ": needs 'any', 'all' or 'step'");
                }
                int ruleIndex = rules.size();
                anyIdx.add(java.util.stream.IntStream.range(patterns.size(), patterns.size() + any.size()).toArray());
                for (String re : any) {
                    patterns.add(compile(where, re, ruleIndex, checkRegexes, literals));
                }
                allIdx.add(java.util.stream.IntStream.range(patterns.size(), patterns.size() + all.size()).toArray());
                for (String re : all) {
                    patterns.add(compile(where, re, ruleIndex, checkRegexes, literals));
                }
                Pattern step = entry.step() == null ? null : regex(where, entry.step());
                rules.add(new Rule(entry.id(), entry.category(), List.copyOf(fixups),
                        entry.priority() == null ? 50 : entry.priority(),
                        List.copyOf(any), List.copyOf(all), step, Boolean.TRUE.equals(entry.afterExit()),
                        Boolean.TRUE.equals(entry.inTrace()),
                        Boolean.TRUE.equals(entry.hang()), entry.summary().trim(), entry.competesWith()));
            }
        }
        RuleBook book = new RuleBook(rules, patterns, anyIdx, allIdx, structure, crossCutting, literals, firstWindows);
        if (checkRegexes) {
            book.complete(); // a bad structure regex fails the load
        }
        return book;
    }

    /** Validates a structure rule; its regexes are compiled by {@link #complete()}. */
    private static PendingStructure structure(String file, RuleFile.Structure st, Set<String> ids,
                                              Function<String, List<String>> literals) {
        String where = file + ": structure " + st.id();
        if (st.id() == null || !ids.add("structure/" + st.id())) {
            throw new IllegalArgumentException(where + ": missing or duplicate id");
        }
        if (st.family() == null || st.family().isEmpty()) {
            throw new IllegalArgumentException(where + ": family is required");
        }
        for (String category : st.family()) {
            if (!Vocabulary.CATEGORIES.contains(category)) {
                throw new IllegalArgumentException(where + ": unknown category '" + category + "'");
            }
        }
        String fallback = st.fallback() == null ? st.family().get(0) : st.fallback();
        if (!st.family().contains(fallback)) {
            throw new IllegalArgumentException(where + ": fallback '" + fallback + "' is not in the family");
        }
        if (Boolean.TRUE.equals(st.hostState())
                && (st.output() == null || literals.apply(unwrapped(st.output())).isEmpty())) {
            throw new IllegalArgumentException(where + ": host_state needs an output regex with a plain-text stretch in"
                    + " each alternative (the fast scanner reads only lines holding one)");
        }
        return new PendingStructure(where, st, fallback);
    }

    /** {@code (a|b)} as {@code a|b}, so that each alternative gives its literal; any other regex as it is. */
    static String unwrapped(String re) {
        if (re.length() < 2 || re.charAt(0) != '(' || re.startsWith("(?") || re.charAt(re.length() - 1) != ')') {
            return re;
        }
        int depth = 0;
        for (int i = 0; i < re.length(); i++) {
            char ch = re.charAt(i);
            if (ch == '\\') {
                i++;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0 && i < re.length() - 1) {
                return re; // the first group closes before the end: (a)|(b)
            }
        }
        return re.substring(1, re.length() - 1);
    }

    private static Pattern optional(String where, String re) {
        return re == null ? null : regex(where, re);
    }

    /** Where-it-failed evidence (function chain, command, die message, service, output tail). */
    public List<StructureRule> structure() {
        return parts().structure();
    }


    /** A step or structure regex: compiled now (they are few, and tried only when the diagnosis is asked for). */
    private static Pattern regex(String where, String re) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException(where + ": bad pattern /" + re + "/: " + ex.getDescription());
        }
    }

    /** @param now compile the regex now (refusing a bad one), else on first use */
    private static CompiledPattern compile(String where, String re, int rule, boolean now,
                                           Function<String, List<String>> literals) {
        try {
            Pattern pattern = now ? Pattern.compile(re) : null;
            return new CompiledPattern(re, pattern, rule, literals.apply(re));
        } catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException(where + ": bad pattern /" + re + "/: " + ex.getDescription());
        }
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Patterns that have no literal prefilter (they cost a regex run on every line). */
    public List<String> unfilteredPatterns() {
        List<String> out = new ArrayList<>();
        for (int pattern : unfiltered) {
            out.add(patterns.get(pattern).source());
        }
        return out;
    }

    /** Every regex, rules and facts, as written (the benchmark feeds the same list to grep). */
    public List<String> allPatterns() {
        return patterns.stream().map(CompiledPattern::source).toList();
    }
}
