package io.provisioner.cli;

import io.provisioner.render.HostRenderer;
import io.provisioner.render.NoProxyList;
import io.provisioner.render.RenderedHost;
import io.provisioner.render.ShellTemplates;
import io.provisioner.render.TemplateException;
import io.provisioner.spec.Host;
import io.provisioner.spec.Spec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code render -f SPEC --out DIR [--host H]}: writes DIR/HOST/local.conf and DIR/HOST/stackrc. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Writes DIR/<host>/local.conf and DIR/<host>/stackrc (the stackrc overlay) for each host.",
                "Exit 0 written, 2 bad input (the spec, a template, an output directory that cannot be written)."})
public final class RenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecFileOption specFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output directory (created if missing).")
    Path out;

    @Option(names = "--host", paramLabel = "HOST", description = "Only this host.")
    String host;

    @Option(names = "--templates", paramLabel = "DIR", description = "Templates that replace the defaults of the same name.")
    Path templates;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Spec spec = specFile.read();
        List<Host> hosts = selectHosts(spec, host);
        HostRenderer renderer;
        try {
            renderer = new HostRenderer(templates == null ? ShellTemplates.defaults() : ShellTemplates.overriddenBy(templates));
        } catch (TemplateException e) {
            throw new UserError(ExitCodes.BAD_INPUT, e.getMessage());
        }
        WritableDirectory.require(out, "--out");
        try {
            for (Host host : hosts) {
                String gitBase = host.gitBase();
                if ("auto".equals(gitBase)) {
                    gitBase = HostRenderer.DEFAULT_GIT_BASE;
                    err.println("note: " + host.name() + ": git_base is auto; rendered with GIT_BASE=" + gitBase
                            + " (a deploy decides from the target's network)");
                }
                NoProxyList.lengthWarning(host.name(), NoProxyList.compute(spec, host))
                        .ifPresent(warning -> err.println("warning: " + warning));
                RenderedHost rendered = renderer.render(spec, host, gitBase);
                Path dir = out.resolve(host.name());
                // both files hold passwords or proxy credentials: owner-only
                write(dir, "local.conf", rendered.localConf());
                write(dir, "stackrc", rendered.stackrcOverlay());
                stdout.println(dir.resolve("local.conf") + "  sha256:" + rendered.localConfSha256());
                stdout.println(dir.resolve("stackrc") + "  sha256:" + rendered.stackrcOverlaySha256());
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
        return List.of(spec.host(name).orElseThrow(() -> new UserError(ExitCodes.BAD_INPUT, "--host " + name
                + ": no such host in " + spec.file() + "; hosts are " + String.join(", ",
                spec.hosts().stream().map(Host::name).toList()))));
    }

    private static void write(Path dir, String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (FileSystemException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--out: cannot write " + file + " (" + WritableDirectory.reason(e) + ")");
        } catch (IOException e) {
            throw new UserError(ExitCodes.BAD_INPUT, "--out: cannot write " + file + " (" + e.getMessage() + ")");
        }
    }
}
