package io.provisioner.fixup;

import io.provisioner.lab.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real pip in a private venv; the "distro" install is what distutils left behind: a bare egg-info file. */
class PipDistutilsFixupIT {
    @TempDir
    Path root;

    @Test
    void reinstallsTheDistutilsProjectSoPipCanManageIt() throws Exception {
        Requirements.require(TestStackUser.sh("python3", "-m", "venv", "--help") == 0, "python3 venv");
        Path venv = root.resolve("venv");
        assertThat(TestStackUser.sh("python3", "-m", "venv", venv.toString())).isZero();
        String python = venv.resolve("bin/python").toString();
        Path site = Path.of(TestStackUser.out(python, "-c", "import sysconfig;print(sysconfig.get_paths()['purelib'])").strip());
        Files.writeString(site.resolve("dspdemo-1.0-py3.egg-info"), "Metadata-Version: 1.0\nName: dspdemo\nVersion: 1.0\nSummary: old\n");
        Files.writeString(site.resolve("dspdemo.py"), "VERSION = 1\n");
        Path wheels = Files.createDirectories(root.resolve("wheels"));
        wheel(wheels.resolve("dspdemo-2.0-py3-none-any.whl"));
        Path unrelated = Files.writeString(site.resolve("other-1.0-py3.egg-info"), "Metadata-Version: 1.0\nName: other\nVersion: 1.0\n");
        String pipArgs = "--no-index --find-links " + wheels;
        String failure = TestStackUser.out(python, "-m", "pip", "install", "--no-index", "--find-links", wheels.toString(), "dspdemo==2.0");
        assertThat(failure).contains("Cannot uninstall").contains("distutils installed project");
        Path logs = Files.createDirectories(root.resolve("opt/stack/logs"));
        Files.writeString(logs.resolve("stack.sh.log"), "+inc/python:pip_install:350 sudo -H python3 -m pip install dspdemo==2.0\n" + failure);
        FixupContext ctx = TestHosts.context(TestHosts.host(root, "root"), new LocalTestShell(),
                Map.of("python", python, "pip_args", pipArgs));
        PipDistutilsFixup fixup = new PipDistutilsFixup();

        Detection d = fixup.detect(ctx);
        FixupReport first = new FixupRunner().run(fixup, ctx, false);
        FixupReport second = new FixupRunner().run(fixup, ctx, false);

        assertThat(d.found()).isTrue();
        assertThat(d.findings()).singleElement().asString().startsWith("dspdemo is a distutils installed project: 1.0");
        assertThat(first.verified()).as(first.detail()).isTrue();
        assertThat(second.detected()).isFalse();
        assertThat(TestStackUser.out(python, "-m", "pip", "install", "--no-index", "--find-links", wheels.toString(), "dspdemo==2.0"))
                .doesNotContain("Cannot uninstall");
        assertThat(Files.readString(unrelated)).contains("Name: other");
    }

    @Test
    void readsThePackageNameFromEitherPipMessage() {
        assertThat(PipDistutilsFixup.MESSAGE.matcher("ERROR: Cannot uninstall 'PyYAML'. It is a distutils installed project").results()
                .map(m -> m.group(1)).toList()).containsExactly("PyYAML");
        assertThat(PipDistutilsFixup.MESSAGE.matcher("× Cannot uninstall blinker 1.4").results().map(m -> m.group(1)).toList())
                .containsExactly("blinker");
    }

    private static void wheel(Path file) throws Exception {
        String info = "dspdemo-2.0.dist-info/";
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        entries.put("dspdemo.py", "VERSION = 2\n");
        entries.put(info + "METADATA", "Metadata-Version: 2.1\nName: dspdemo\nVersion: 2.0\n");
        entries.put(info + "WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        entries.put(info + "RECORD", "dspdemo.py,,\n" + info + "METADATA,,\n" + info + "WHEEL,,\n" + info + "RECORD,,\n");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes());
                zip.closeEntry();
            }
        }
    }
}
