package io.provisioner.service.run;

import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecLoader;
import io.provisioner.spec.SpecProblem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A spec that came over HTTP: loaded by the normal loader (same LINE:COL problems as {@code validate}),
 * with {@code env:}/{@code file:} resolved on the server. A submitted spec may only reference its secrets:
 * a literal password or a proxy URL with a password in it is a problem unless inline secrets are allowed.
 */
public final class SubmittedSpec {
    /** The name problems are reported under (there is no file on the client's side). */
    public static final String NAME = "spec";
    private static final Pattern URL_PASSWORD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\\s]*:[^/@\\s]*@");

    private SubmittedSpec() {
    }

    /** Loads the text as a spec file in {@code dir}; a bad spec is a SpecException with every problem. */
    public static Spec load(String text, Path dir, Map<String, String> env) {
        Path file = write(text, dir);
        return SpecLoader.load(file, env);
    }

    /** The problems of a text, or none: first the loader's, then (if it loads) literal secrets. */
    public static List<SpecProblem> problems(String text, Path scratch, Map<String, String> env, boolean allowInline) {
        try {
            load(text, scratch, env);
        } catch (io.provisioner.spec.SpecException e) {
            return e.problems().stream()
                    .map(problem -> new SpecProblem(NAME, problem.line(), problem.column(), problem.message())).toList();
        }
        return allowInline ? List.of() : literalSecrets(text);
    }

    /** Every password given literally and every proxy URL with a password, each at its line and column. */
    public static List<SpecProblem> literalSecrets(String text) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (RuntimeException e) {
            return List.of(); // the loader reports YAML syntax
        }
        List<SpecProblem> out = new ArrayList<>();
        walk(root, null, out);
        return out;
    }

    private static void walk(Node node, String key, List<SpecProblem> out) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                String entryKey = tuple.getKeyNode() instanceof ScalarNode scalarKey ? scalarKey.getValue() : null;
                if ("passwords".equals(key) && tuple.getValueNode() instanceof ScalarNode passwordNode) {
                    String value = passwordNode.getValue();
                    if (!value.startsWith("env:") && !value.startsWith("file:")) {
                        out.add(problem(passwordNode, "password '" + entryKey
                                + "' is written literally; a spec submitted to the service "
                                + "must reference it (env:NAME or file:/PATH, resolved on the server), or the "
                                + "server must run with --allow-inline-secrets"));
                    }
                } else if (tuple.getValueNode() instanceof ScalarNode urlNode
                        && URL_PASSWORD.matcher(urlNode.getValue()).find()) {
                    out.add(problem(urlNode, "'" + entryKey
                            + "' holds a URL with a password; a spec submitted to the service must "
                            + "not carry credentials (use a proxy without credentials in the URL, or run the server "
                            + "with --allow-inline-secrets)"));
                } else {
                    walk(tuple.getValueNode(), entryKey, out);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(child -> walk(child, key, out));
        }
    }

    private static SpecProblem problem(Node at, String message) {
        return new SpecProblem(NAME, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, message);
    }

    private static Path write(String text, Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("spec.yaml");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the submitted spec to " + dir + ": " + e.getMessage(), e);
        }
    }
}
