package io.provisioner.fixup;

import io.provisioner.remote.CommandResult;
import io.provisioner.remote.RemoteCommand;
import io.provisioner.remote.RemoteException;
import io.provisioner.remote.RemoteFailure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code git-https}: git:// (port 9418) is blocked, typically behind an HTTP proxy. Sets GIT_BASE to https
 * (https://opendev.org for trees whose stackrc knows it, https://git.openstack.org for older ones; the fact
 * {@code git_base} overrides) in local.conf's localrc and in the stackrc overlay, and for trees already cloned
 * under DEST over git:// adds {@code url.<https>/.insteadOf git://host/} to the stack user's global git config,
 * because DevStack never touches an existing clone's remote.
 */
public final class GitHttpsFixup implements Fixup {
    private static final String CLONES = """
            for c in "$1"/*/.git/config; do
              [ -f "$c" ] || continue
              u=$(git config -f "$c" --get remote.origin.url) || continue
              case "$u" in git://*) printf '%s\\t%s\\n' "${c%/.git/config}" "$u";; esac
            done
            exit 0
            """;

    @Override
    public String name() {
        return "git-https";
    }

    @Override
    public String describe(FixupContext ctx) {
        return "set GIT_BASE to https in local.conf and the stackrc overlay, and rewrite git:// remotes of existing clones"
                + " with url.insteadOf for " + ctx.stackUser();
    }

    private record State(String stackrc, String localConf, String httpsBase, List<String> findings,
                         boolean localConfGit, boolean overlayGit, Map<String, String> gitClones) {
    }

    private State inspect(FixupContext ctx) throws RemoteException {
        TargetFiles files = ctx.files();
        String stackrc = files.read(StackrcFile.path(ctx)).orElse(null);
        String localConf = files.read(StackrcFile.localConfPath(ctx)).orElse(null);
        String httpsBase = ctx.fact("git_base").orElse(stackrc == null ? "https://opendev.org" : StackrcFile.httpsBaseFor(stackrc));
        List<String> findings = new ArrayList<>();
        Optional<String> inOverlay = stackrc == null ? Optional.empty() : StackrcFile.overlayValue(stackrc, "GIT_BASE");
        Optional<String> inLocalConf = localConf == null ? Optional.empty() : LocalrcSection.get(localConf, "GIT_BASE");
        Optional<String> treeDefault = stackrc == null ? Optional.empty() : StackrcFile.treeDefaultGitBase(stackrc);
        boolean localConfGit = inLocalConf.filter(GitHttpsFixup::isGit).isPresent();
        if (localConfGit) {
            findings.add(StackrcFile.localConfPath(ctx) + " sets GIT_BASE=" + inLocalConf.get());
        }
        String effective = inOverlay.or(() -> inLocalConf).or(() -> treeDefault).orElse("");
        boolean overlayGit = stackrc != null && isGit(effective);
        if (overlayGit) {
            findings.add("GIT_BASE in effect is " + effective + " (" + (inOverlay.isPresent() ? "stackrc overlay"
                    : inLocalConf.isPresent() ? "local.conf" : "the tree's stackrc default") + ")");
        }
        Map<String, String> gitClones = new LinkedHashMap<>();
        CommandResult clones = ctx.run(RemoteCommand.script(CLONES, ctx.dest()).asRoot());
        for (String line : clones.stdout().lines().toList()) {
            String[] fields = line.split("\t", 2);
            if (fields.length == 2 && isGit(effectiveRemote(ctx, fields[0]).orElse(fields[1]))) {
                gitClones.put(fields[0], fields[1]);
                findings.add(fields[0] + " is cloned from " + fields[1]);
            }
        }
        return new State(stackrc, localConf, httpsBase, findings, localConfGit, overlayGit, gitClones);
    }

    @Override
    public Detection detect(FixupContext ctx) throws RemoteException {
        State state = inspect(ctx);
        return state.findings().isEmpty() ? Detection.clean("GIT_BASE and every clone under " + ctx.dest() + " use https")
                : Detection.found(state.findings());
    }

    @Override
    public void apply(FixupContext ctx, Detection found) throws RemoteException {
        State state = inspect(ctx);
        if (state.localConfGit() || (state.overlayGit() && state.localConf() != null
                && LocalrcSection.get(state.localConf(), "GIT_BASE").isEmpty())) {
            String updated = LocalrcSection.set(state.localConf(), "GIT_BASE", state.httpsBase());
            if (!updated.equals(state.localConf())) {
                ctx.files().rewrite(StackrcFile.localConfPath(ctx), updated);
            }
        }
        if (state.overlayGit() || state.localConfGit() && state.stackrc() != null) {
            StackrcFile.reapply(ctx, state.stackrc(), state.httpsBase(), List.of());
        }
        Set<String> prefixes = new LinkedHashSet<>();
        state.gitClones().values().forEach(url -> prefixes.add(prefix(url)));
        if (!prefixes.isEmpty()) {
            prefixes.add("git://git.openstack.org/");
        }
        String key = "url." + state.httpsBase() + "/.insteadOf";
        List<String> existing = globalGitConfig(ctx, "--get-all", key).stdout().lines().toList();
        for (String prefix : prefixes) {
            if (!existing.contains(prefix)) {
                globalGitConfig(ctx, "--add", key, prefix);
            }
        }
    }

    /** {@code git config --global ARGS} as the stack user; a failure is git's error (exit 1 of --get-all: not set yet). */
    private static CommandResult globalGitConfig(FixupContext ctx, String... args) throws RemoteException {
        List<String> argv = new ArrayList<>(List.of("git", "config", "--global"));
        argv.addAll(List.of(args));
        CommandResult result = ctx.run(ctx.asStackUser(argv.toArray(String[]::new)));
        if (!result.ok() && !(result.exitStatus() == 1 && args[0].equals("--get-all"))) {
            throw new RemoteException(RemoteFailure.IO, ctx.shell().host(), String.join(" ", argv) + " as "
                    + ctx.stackUser() + " fails: " + result.firstErrorLine());
        }
        return result;
    }

    @Override
    public Verification verify(FixupContext ctx) throws RemoteException {
        State state = inspect(ctx);
        if (!state.findings().isEmpty()) {
            return Verification.failed("still on git://: " + state.findings().get(0));
        }
        CommandResult clones = ctx.run(RemoteCommand.script(CLONES, ctx.dest()).asRoot());
        Optional<String> first = clones.stdout().lines().map(line -> line.split("\t", 2)[0]).findFirst();
        if (first.isPresent()) {
            CommandResult result = ctx.run(ctx.asStackUser("git", "-C", first.get(), "ls-remote", "--exit-code",
                    "origin", "HEAD")
                    .withTimeout(Duration.ofMinutes(2)));
            if (!result.ok()) {
                return Verification.failed("git ls-remote in " + first.get() + " fails: " + result.firstErrorLine());
            }
            return Verification.passed("GIT_BASE is https; " + first.get() + " reaches its remote through "
                    + effectiveRemote(ctx, first.get()).orElse("?"));
        }
        return Verification.passed("GIT_BASE is https and no clone uses git://");
    }

    /** The remote URL git really uses (insteadOf applied), as the stack user sees it. */
    private static Optional<String> effectiveRemote(FixupContext ctx, String dir) throws RemoteException {
        CommandResult result = ctx.run(ctx.asStackUser("git", "-C", dir, "remote", "get-url", "origin"));
        return result.ok() ? Optional.of(result.stdout().strip()) : Optional.empty();
    }

    private static boolean isGit(String url) {
        return url.startsWith("git://");
    }

    /** git://host[:port]/ of a URL. */
    static String prefix(String gitUrl) {
        int slash = gitUrl.indexOf('/', "git://".length());
        return slash < 0 ? gitUrl + "/" : gitUrl.substring(0, slash + 1);
    }
}
