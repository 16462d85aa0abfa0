package io.provisioner.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1, 5 and 15 minute load averages, printed beside benchmark figures. */
public final class LoadAverage {
    private LoadAverage() {
    }

    /** e.g. {@code "0.52 1.10 3.07"}; {@code "?"} where /proc/loadavg cannot be read. */
    public static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
