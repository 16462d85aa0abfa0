package io.provisioner.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the package step: runs the everyday commands once, in one JVM, so that
 * {@code -XX:DumpLoadedClassList} lists every class they load for the class-data-sharing archive that
 * bin/provisioner starts with ({@code -Xshare:dump} of that list, pom.xml). Touches nothing outside a temporary
 * directory, loopback and the class-path file.
 * Usage: {@code java -XX:DumpLoadedClassList=L -cp provisioner.jar io.provisioner.cli.CdsTraining SPEC [CLASSPATH_FILE]}
 * <p>CLASSPATH_FILE receives this JVM's class path, one line: the archive names the jar by it, and a JVM given the jar
 * by another path refuses the whole archive (the JDK's classes too), so the launcher compares before it offers it.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), System.getProperty("java.class.path") + "\n");
        }
        Path work = Files.createTempDirectory("provisioner-cds");
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket queued = queuedOn(full);
             Socket queuedToo = queuedOn(full)) {
            int refused = closedPort();
            Path targets = Files.writeString(work.resolve("targets"), "tcp://127.0.0.1:" + open.getLocalPort()
                    + "\ntcp://127.0.0.1:" + refused + "\n");
            // lines whose parsers corpus logs load (an [ERROR] line, a service start naming the era, a quoted word
            // that may be an Ansible JSON line, a kernel call trace's frame): else loaded from the jar, not the archive
            Path log = Files.writeString(work.resolve("stack.log"), "+ ./stack.sh:main:100 echo start\n"
                    + "+ functions-common:run_process:10 :   sudo systemctl start devstack@keystone.service\n"
                    + "Processing \"requirements.txt\"\n"
                    + "[Call Trace]\n"
                    + " dump_stack+0x5c/0x80\n"
                    + "[ERROR] ./stack.sh:100 Could not start the services\n"
                    + "ERROR: the main setup script run by this job failed\n");
            // a failure a rule names: the classes of a whole diagnosis (scores, evidence, summary) are archived too
            Path failed = Files.writeString(work.resolve("failed.log"), "+ ./stack.sh:main:100 echo start\n"
                    + "+ lib/databases/mysql:configure_database_mysql:130 :   sudo mysql -uroot -h127.0.0.1 -e 'CREATE USER'\n"
                    + "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)\n"
                    + "+ lib/databases/mysql:configure_database_mysql:1 :   exit_trap\n"
                    + "Error on exit\n");
            List<String[]> runs = new ArrayList<>(List.of(
                    new String[]{"--version"},
                    new String[]{"--help"},
                    new String[]{"probe", "--timeout", "1s", "tcp://127.0.0.1:" + refused},
                    new String[]{"probe", "--format", "json", "--timeout", "1s", "@" + targets},
                    // the runs above skip picocli (ProbeCommand.fromPlainArguments); its model of probe is archived too
                    new String[]{"probe", "--timeout=1s", "--wait", "0s", "tcp://127.0.0.1:" + refused},
                    // a listener whose accept queue is full drops the SYN: a connect still in flight, so the
                    // selector's classes (a sweep's black-holed targets) are in the archive too
                    new String[]{"probe", "--timeout", "100ms", "tcp://127.0.0.1:" + full.getLocalPort()},
                    new String[]{"diagnose", log.toString()},
                    new String[]{"diagnose", "--format", "json", failed.toString()},
                    new String[]{"schema"}));
            if (args.length > 0 && Files.isRegularFile(Path.of(args[0]))) {
                runs.add(new String[]{"validate", "-f", args[0]});
                runs.add(new String[]{"plan", "-f", args[0]});
                runs.add(new String[]{"render", "-f", args[0], "--out", work.resolve("render").toString()});
            }
            for (String[] run : runs) {
                Main.run(quiet, quiet, run);
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * A connection left in {@code listener}'s accept queue: Linux queues backlog + 1 of them, then drops SYNs. Were
     * the queue shorter somewhere, this connect gives up after a second instead of holding up the build.
     */
    private static Socket queuedOn(ServerSocket listener) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 1000);
        } catch (SocketTimeoutException full) {
            // already full: the probe's connect stays in flight all the same
        }
        return socket;
    }

    /** A loopback port nothing listens on (bound, then closed). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
