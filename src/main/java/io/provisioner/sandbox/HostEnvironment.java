package io.provisioner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a sandbox host's commands run with: HOME and TMPDIR in the host root, the stand-ins
 * first on PATH, SIM_ROOT for the simulator and the stand-ins, and the host's {@code etc/environment}
 * (as pam_env gives an SSH session).
 */
final class HostEnvironment {
    private HostEnvironment() {
    }

    static Map<String, String> of(Path root, Path standins, String apachePort, double timeScale) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        String home = root.resolve("opt/stack").toString();
        env.put("PATH", standins + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        Path etcEnvironment = root.resolve("etc/environment");
        if (Files.exists(etcEnvironment)) {
            for (String line : Files.readAllLines(etcEnvironment)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    String key = line.substring(0, eq).trim();
                    String value = line.substring(eq + 1).trim().replaceAll("^\"|\"$", "");
                    if (!key.equals("PATH")) {
                        env.put(key, value);
                    }
                }
            }
        }
        env.put("HOME", home);
        env.put("USER", HostRootBuilder.STACK_USER);
        env.put("LOGNAME", HostRootBuilder.STACK_USER);
        env.put("SHELL", "/bin/bash");
        env.put("LANG", "C.UTF-8");
        env.put("TMPDIR", root.resolve("tmp").toString());
        env.put("SIM_ROOT", root.toString());
        env.put("SIM_USER", HostRootBuilder.STACK_USER);
        env.put("SIM_STANDINS", standins.toString());
        // real screen's own override: the stand-in keeps the host's sessions there, so whatever counts
        // sessions by looking (the preflight does) finds them where screen itself would
        env.put("SCREENDIR", root.resolve("run/screen/S-" + HostRootBuilder.STACK_USER).toString());
        env.put("SIM_TIME_SCALE", String.valueOf(timeScale));
        env.put("SIM_GIT_CONNECT_SECONDS", "1");
        // git's system config must not be the machine's: the JVM may be root
        env.put("GIT_CONFIG_SYSTEM", root.resolve("etc/gitconfig").toString());
        if (apachePort != null) {
            env.put("SIM_APACHE_PORT", apachePort);
        }
        return env;
    }
}
