package io.provisioner.diagnose;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built-in rule file as the package step derives it from rules.yaml (the source of truth) for the CLI's start: a
 * {@link RuleFile} in a flat binary form ({@link DataOutputStream} strings, -1 for null) that reads in a few
 * milliseconds, where binding the YAML costs the cold CLI about 0.1 CPU-s (Jackson's YAML parser and record binding).
 * {@link RuleBook#builtin()} validates and compiles it as it does the YAML; without the derived file (a build that
 * skipped the step) it reads the YAML. After the rules comes what {@link LiteralExtractor} derives from each regex the
 * prefilter uses ({@link #literalSources}), so the CLI's start builds its filters from lists instead of parsing
 * ~230 regexes again; last, per relevance literal, which of its windows the filters index ({@link RareWindows}, from
 * the reference logs). Usage at build time: {@code CompactRules CLASSES_DIR [REFERENCE_LOGS_DIR]}.
 */
public final class CompactRules {
    /** Next to rules.yaml on the classpath. */
    static final String RESOURCE = "/io/provisioner/diagnose/rules.bin";
    /**
     * The copy the package step writes beside the jar (provisioner.jar → provisioner.rules.bin): found there, it is
     * read without the jar's central directory (about 13 000 entries, 15-40 ms of a cold start before the scan could
     * begin, docs/performance.md round 13).
     */
    static final String BESIDE_JAR = ".rules.bin";
    /** Bumped when the layout changes. */
    private static final int VERSION = 3;

    private CompactRules() {
    }

    /**
     * Writes the derived form of the built-in rules.yaml found in {@code args[0]} (the classes directory) beside it;
     * with {@code --beside CLASSES_DIR JAR}, copies that derived form beside the jar ({@link #besideJar}).
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--beside")) {
            Path jar = Path.of(args[2]);
            Files.copy(Path.of(args[1]).resolve(RESOURCE.substring(1)), besidePath(jar),
                    StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Path classes = Path.of(args[0]);
        Path yaml = classes.resolve(RuleBook.BUILTIN.substring(1));
        RuleFile file;
        try (InputStream in = Files.newInputStream(yaml)) {
            file = RuleBook.parse(in, RuleBook.BUILTIN);
        }
        // the CLI compiles the derived file's regexes only when a line reaches them: check them all here, so a bad
        // one fails the build as it fails loading the YAML
        RuleBook book = RuleBook.compile(List.of(file), List.of(RuleBook.BUILTIN), null, true);
        Map<String, Integer> firstWindows = args.length > 1
                ? RareWindows.choose(book.relevanceLiterals, referenceLogs(Path.of(args[1])))
                : Map.of();
        try (OutputStream out = Files.newOutputStream(classes.resolve(RESOURCE.substring(1)))) {
            write(file, firstWindows, out);
        }
    }

    /**
     * The derived rules beside the jar the class path names, or null: the class path must be that one jar (as the
     * launcher and {@code java -jar} start it), and the file no older than the jar, so a jar rebuilt or replaced
     * without it falls back to the jar's own resource.
     */
    static File besideJar(String classPath) {
        if (classPath == null || !classPath.endsWith(".jar") || classPath.indexOf(File.pathSeparatorChar) >= 0) {
            return null;
        }
        File jar = new File(classPath);
        File beside = new File(besideName(classPath));
        long jarTime = jar.lastModified();
        // lastModified is 0 for a missing file
        return jarTime != 0 && beside.lastModified() >= jarTime ? beside : null;
    }

    private static Path besidePath(Path jar) {
        return Path.of(besideName(jar.toString()));
    }

    private static String besideName(String jar) {
        return jar.substring(0, jar.length() - ".jar".length()) + BESIDE_JAR;
    }

    /** Every *.log under the directory, in path order (the choice must not depend on the file system's). */
    static List<byte[]> referenceLogs(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(dir)) {
            logs = files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
        if (logs.isEmpty()) {
            throw new IOException("no reference logs (*.log) under " + dir);
        }
        List<byte[]> texts = new ArrayList<>();
        for (Path log : logs) {
            texts.add(Files.readAllBytes(log));
        }
        return texts;
    }

    /**
     * The derived file's contents: the rule file, per regex the prefilter reads its literals, and per relevance
     * literal the offset of the first window its filter indexes ({@link ByteLiterals}).
     */
    record Derived(RuleFile rules, Map<String, List<String>> literals, Map<String, Integer> firstWindows) {
    }

    /**
     * Every regex whose literals the rule book asks for ({@link RuleBook#compile}): the fact, 'any' and 'all'
     * regexes as written, and the host-state structure rules' output regexes as {@link RuleBook#unwrapped}.
     */
    static List<String> literalSources(RuleFile file) {
        List<String> sources = new ArrayList<>();
        if (file.facts() != null) {
            sources.addAll(file.facts());
        }
        for (RuleFile.Entry e : file.rules() == null ? List.<RuleFile.Entry>of() : file.rules()) {
            if (e.any() != null) {
                sources.addAll(e.any());
            }
            if (e.all() != null) {
                sources.addAll(e.all());
            }
        }
        for (RuleFile.Structure s : file.structure() == null ? List.<RuleFile.Structure>of() : file.structure()) {
            if (Boolean.TRUE.equals(s.hostState()) && s.output() != null) {
                sources.add(RuleBook.unwrapped(s.output()));
            }
        }
        return sources;
    }

    static void write(RuleFile file, OutputStream stream) throws IOException {
        write(file, Map.of(), stream);
    }

    static void write(RuleFile file, Map<String, Integer> firstWindows, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(stream));
        out.writeInt(VERSION);
        strings(out, file.facts());
        if (file.rules() == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(file.rules().size());
            for (RuleFile.Entry e : file.rules()) {
                string(out, e.id());
                string(out, e.category());
                strings(out, e.fixups());
                string(out, e.priority() == null ? null : e.priority().toString());
                strings(out, e.any());
                strings(out, e.all());
                string(out, e.step());
                flag(out, e.afterExit());
                flag(out, e.inTrace());
                flag(out, e.hang());
                string(out, e.summary());
                string(out, e.learnedFrom());
                string(out, e.competesWith());
            }
        }
        if (file.structure() == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(file.structure().size());
            for (RuleFile.Structure s : file.structure()) {
                string(out, s.id());
                strings(out, s.family());
                string(out, s.fallback());
                string(out, s.weight() == null ? null : Double.toString(s.weight()));
                string(out, s.functions());
                string(out, s.files());
                string(out, s.commands());
                string(out, s.errors());
                string(out, s.services());
                string(out, s.output());
                string(out, s.advice());
                strings(out, s.absorbs());
                flag(out, s.hostState());
                string(out, s.learnedFrom());
            }
        }
        strings(out, file.crossCutting());
        // appended last: the rules' layout above stays as it was
        Map<String, List<String>> literals = new LinkedHashMap<>();
        for (String source : literalSources(file)) {
            literals.computeIfAbsent(source, LiteralExtractor::literals);
        }
        out.writeInt(literals.size());
        for (Map.Entry<String, List<String>> e : literals.entrySet()) {
            string(out, e.getKey());
            strings(out, e.getValue());
        }
        out.writeInt(firstWindows.size());
        for (Map.Entry<String, Integer> e : firstWindows.entrySet()) {
            string(out, e.getKey());
            out.writeByte(e.getValue());
        }
        out.flush();
    }

    static RuleFile read(InputStream stream) throws IOException {
        return readDerived(stream).rules();
    }

    static Derived readDerived(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(stream));
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("derived rule file version " + version + ", expected " + VERSION);
        }
        List<String> facts = strings(in);
        List<RuleFile.Entry> rules = null;
        int ruleCount = in.readInt();
        if (ruleCount >= 0) {
            rules = new ArrayList<>(ruleCount);
            for (int i = 0; i < ruleCount; i++) {
                String id = string(in);
                String category = string(in);
                List<String> fixups = strings(in);
                String priority = string(in);
                rules.add(new RuleFile.Entry(id, category, fixups, priority == null ? null : Integer.valueOf(priority),
                        strings(in), strings(in), string(in), flag(in), flag(in), flag(in), string(in), string(in),
                        string(in)));
            }
        }
        List<RuleFile.Structure> structure = null;
        int structureCount = in.readInt();
        if (structureCount >= 0) {
            structure = new ArrayList<>(structureCount);
            for (int i = 0; i < structureCount; i++) {
                String id = string(in);
                List<String> family = strings(in);
                String fallback = string(in);
                String weight = string(in);
                structure.add(new RuleFile.Structure(id, family, fallback, weight == null ? null : Double.valueOf(weight),
                        string(in), string(in), string(in), string(in), string(in), string(in), string(in), strings(in),
                        flag(in), string(in)));
            }
        }
        List<String> crossCutting = strings(in);
        int literalCount = in.readInt();
        Map<String, List<String>> literals = new LinkedHashMap<>();
        for (int i = 0; i < literalCount; i++) {
            String source = string(in);
            literals.put(source, List.copyOf(strings(in)));
        }
        int windowCount = in.readInt();
        Map<String, Integer> firstWindows = new LinkedHashMap<>();
        for (int i = 0; i < windowCount; i++) {
            String literal = string(in);
            firstWindows.put(literal, (int) in.readByte());
        }
        if (in.read() != -1) {
            throw new IOException("derived rule file: bytes after the end");
        }
        return new Derived(new RuleFile(facts, rules, structure, crossCutting), literals, firstWindows);
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void strings(DataOutputStream out, List<String> values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            return null;
        }
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string(in));
        }
        return values;
    }

    /** A Boolean that may be absent: 0 null, 1 false, 2 true. */
    private static void flag(DataOutputStream out, Boolean value) throws IOException {
        out.writeByte(value == null ? 0 : value ? 2 : 1);
    }

    private static Boolean flag(DataInputStream in) throws IOException {
        int value = in.readByte();
        return value == 0 ? null : value == 2;
    }
}
