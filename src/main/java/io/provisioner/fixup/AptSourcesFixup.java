package io.provisioner.fixup;

import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code apt-sources}: {@code apt-get update} fails on some sources. Maps each failing URI to the
 * {@code file:line} declaring it under {@code paths.apt_dir} ({@code sources.list}, {@code sources.list.d/*.list},
 * {@code *.sources}) and comments out exactly those declarations, each file backed up first. The fact
 * {@code uri} (from the diagnosis) names a failing URI without a fresh {@code apt-get update}.
 */
public final class AptSourcesFixup implements Fixup {
    private static final Pattern FINDING = Pattern.compile("^(/.*?):(\\d+): ");
    private static final String LIST = """
            for f in "$1/sources.list" "$1"/sources.list.d/*.list "$1"/sources.list.d/*.sources; do
              [ -f "$f" ] && printf '%s\\n' "$f"
            done
            exit 0
            """;

    @Override
    public String name() {
        return "apt-sources";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "comment out the source lines under " + ctx.host().paths().aptDir()
                + " whose URIs fail in apt-get update (each file backed up)";
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        List<AptUpdate.Failure> failures = ctx.fact("uri").map(uri -> List.of(new AptUpdate.Failure(uri, null,
                "named by the diagnosis")))
                .orElse(null);
        if (failures == null) {
            failures = AptUpdate.run(ctx).failures();
        }
        if (failures.isEmpty()) {
            return Detection.clean("apt-get update reports no failing source");
        }
        List<AptSourceFiles.Declaration> all = declarations(ctx);
        List<String> findings = new ArrayList<>();
        for (AptUpdate.Failure failure : failures) {
            List<AptSourceFiles.Declaration> where = all.stream()
                    .filter(declaration -> declaration.matches(failure.uri(), failure.suite())).toList();
            if (where.isEmpty()) {
                findings.add(failure.uri() + " " + (failure.suite() == null ? "" : failure.suite() + " ") + "fails ("
                        + failure.reason()
                        + ") but nothing under " + ctx.host().paths().aptDir() + " declares it");
            }
            for (AptSourceFiles.Declaration declaration : where) {
                String line = declaration.file() + ":" + declaration.first() + ": " + declaration.text() + " (failed: "
                        + failure.reason() + ")";
                if (!findings.contains(line)) {
                    findings.add(line);
                }
            }
        }
        return Detection.found(findings);
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        Map<String, Set<Integer>> byFile = new LinkedHashMap<>();
        for (String finding : found.findings()) {
            Matcher matcher = FINDING.matcher(finding);
            if (matcher.find()) {
                byFile.computeIfAbsent(matcher.group(1), path -> new TreeSet<>()).add(Integer.parseInt(matcher.group(2)));
            }
        }
        TargetFiles files = ctx.files();
        for (var entry : byFile.entrySet()) {
            String content = files.read(entry.getKey()).orElse(null);
            if (content == null) {
                continue;
            }
            String edited = content;
            for (AptSourceFiles.Declaration declaration : AptSourceFiles.parse(entry.getKey(), content)) {
                if (entry.getValue().contains(declaration.first())) {
                    edited = AptSourceFiles.disable(edited, declaration);
                }
            }
            if (!edited.equals(content)) {
                files.rewrite(entry.getKey(), edited);
            }
        }
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        AptUpdate.UpdateResult outcome = AptUpdate.run(ctx);
        if (outcome.clean()) {
            return Verification.passed("apt-get update is clean");
        }
        String why = outcome.failures().isEmpty() ? outcome.output().lines().filter(line -> line.startsWith("E:")
                || line.startsWith("W:"))
                .findFirst().orElse("exit status non-zero") : outcome.failures().get(0).uri() + " "
                        + outcome.failures().get(0).reason();
        return Verification.failed("apt-get update still fails: " + why);
    }

    private static List<AptSourceFiles.Declaration> declarations(FixupContext ctx) throws RemoteException {
        List<AptSourceFiles.Declaration> out = new ArrayList<>();
        TargetFiles files = ctx.files();
        for (String file : ctx.run(RemoteCommand.script(LIST, ctx.host().paths().aptDir()).asRoot()).stdout().lines()
                .toList()) {
            files.read(file).ifPresent(content -> out.addAll(AptSourceFiles.parse(file, content)));
        }
        return out;
    }
}
