package io.provisioner.cli;

import io.provisioner.render.HostRenderer;
import io.provisioner.render.NoProxyList;
import io.provisioner.render.RenderedHost;
import io.provisioner.render.ShellTemplates;
import io.provisioner.render.TemplateException;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import io.provisioner.spec.SpecException;
import io.provisioner.spec.SpecLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code render -f SPEC --out DIR [--host H]}: writes DIR/HOST/local.conf and DIR/HOST/stackrc. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Writes DIR/<host>/local.conf and DIR/<host>/stackrc (the stackrc overlay) for each host.")
public final class RenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "SPEC", description = "the host spec (YAML)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--host", paramLabel = "H", description = "only this host")
    String host;

    @Option(names = "--templates", paramLabel = "DIR", description = "templates that replace the defaults of the same name")
    Path templates;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Spec spec;
        try {
            spec = SpecLoader.load(file);
        } catch (SpecException e) {
            return ValidateCommand.printProblems(e, err);
        }
        List<Host> hosts = selectHosts(spec, host);
        HostRenderer renderer;
        try {
            renderer = new HostRenderer(templates == null ? ShellTemplates.defaults() : ShellTemplates.overriddenBy(templates));
            for (Host h : hosts) {
                String gitBase = h.gitBase();
                if ("auto".equals(gitBase)) {
                    gitBase = HostRenderer.DEFAULT_GIT_BASE;
                    err.println("note: " + h.name() + ": git_base is auto; rendered with GIT_BASE=" + gitBase
                            + " (a deploy decides from the target's network)");
                }
                NoProxyList.lengthWarning(h.name(), NoProxyList.compute(spec, h)).ifPresent(w -> err.println("warning: " + w));
                RenderedHost r = renderer.render(spec, h, gitBase);
                Path dir = out.resolve(h.name());
                Files.createDirectories(dir);
                // both files hold passwords or proxy credentials: owner-only
                write(dir.resolve("local.conf"), r.localConf());
                write(dir.resolve("stackrc"), r.stackrcOverlay());
                stdout.println(dir.resolve("local.conf") + "  sha256:" + r.localConfSha256());
                stdout.println(dir.resolve("stackrc") + "  sha256:" + r.stackrcOverlaySha256());
            }
        } catch (TemplateException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        return ExitCodes.OK;
    }

    static List<Host> selectHosts(Spec spec, String name) {
        if (name == null) {
            return spec.executionOrder();
        }
        return List.of(spec.host(name).orElseThrow(() -> new UserError(ExitCodes.BAD_INPUT, "no host '" + name
                + "' in " + spec.file() + "; hosts: " + String.join(", ", spec.hosts().stream().map(Host::name).toList()))));
    }

    private static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
