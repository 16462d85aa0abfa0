package io.provisioner.diagnose;

import java.io.Reader;
import java.util.Random;

/**
 * A synthetic stack.sh log of a given size for the streaming test and the benchmark: realistic xtrace, pip, apt
 * and git noise (including near-miss lines that pass the literal prefilter), ending with a MySQL 1045 failure and
 * the exit trap. Produced line by line from a seed, so nothing is stored.
 */
final class GeneratedLog {
    private static final String[] NOISE = {
            "+ functions-common:apt_get:1150            :   sudo DEBIAN_FRONTEND=noninteractive apt-get --assume-yes install bc",
            "Get:1 http://archive.ubuntu.com/ubuntu noble/main amd64 libpython3.12 amd64 3.12.3-1 [1,960 kB]",
            "Setting up python3-dev (3.12.3-0ubuntu2) ...",
            "+ inc/python:pip_install:227              :   sudo -H /opt/stack/data/venv/bin/pip install -c /opt/stack/requirements/upper-constraints.txt -e /opt/stack/nova",
            "Collecting oslo.config===9.4.0 (from -c /opt/stack/requirements/upper-constraints.txt (line 411))",
            "  Downloading oslo.config-9.4.0-py3-none-any.whl (131 kB)",
            "Requirement already satisfied: pbr>=2.0.0 in /opt/stack/data/venv/lib/python3.12/site-packages (6.0.0)",
            "Successfully installed nova-29.1.0.dev12 oslo.config-9.4.0",
            "2024-03-12 10:15:02.345 | + functions-common:git_timed:702 :   timeout -s SIGINT 0 git clone --no-checkout https://opendev.org/openstack/nova.git /opt/stack/nova",
            "Cloning into '/opt/stack/nova'...",
            "Receiving objects:  45% (301234/669409), 120.33 MiB | 11.20 MiB/s",
            "+ lib/nova:configure_nova:512 :   iniset /etc/nova/nova.conf DEFAULT debug True",
            "Processing triggers for libc-bin (2.39-0ubuntu8) ...",
            "ERROR: pip's legacy dependency resolver noticed nothing wrong",          // near miss for "ERROR "
            "Could not get locked out of this line by accident",                      // near miss for "Could not get lock"
            "curl: this line mentions curl but is not an error",
            "+ lib/keystone:configure_keystone:240 :   iniset /etc/keystone/keystone.conf token provider fernet",
            "2024-03-12 10:15:02.345678 | controller | Unpacking python3-dev (3.12.3-0ubuntu2) ..."};

    private final long bytes;
    private final long seed;

    GeneratedLog(long bytes, long seed) {
        this.bytes = bytes;
        this.seed = seed;
    }

    Lines lines() {
        return new Lines();
    }

    /** The same content as a Reader (for Diagnoser.diagnose(Reader)). */
    Reader reader() {
        Lines lines = lines();
        return new Reader() {
            private String cur = "";
            private int pos;
            private boolean done;

            @Override
            public int read(char[] cbuf, int off, int len) {
                int n = 0;
                while (n < len) {
                    if (pos >= cur.length()) {
                        if (done) {
                            break;
                        }
                        String next = lines.next();
                        if (next == null) {
                            done = true;
                            break;
                        }
                        cur = next + "\n";
                        pos = 0;
                    }
                    int k = Math.min(len - n, cur.length() - pos);
                    cur.getChars(pos, pos + k, cbuf, off + n);
                    pos += k;
                    n += k;
                }
                return n == 0 && done ? -1 : n;
            }

            @Override
            public void close() {
            }
        };
    }

    final class Lines implements AutoCloseable {
        private final Random random = new Random(seed);
        private long written;
        private int tail = -1;
        private static final String[] END = {
                "+ lib/databases/mysql:configure_database_mysql:130 :   sudo mysql -uroot -pdevstack -h127.0.0.1 -e 'CREATE USER'",
                "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)",
                "+ lib/databases/mysql:configure_database_mysql:1 :   exit_trap",
                "Error on exit",
                "World dumping... see /opt/stack/logs/worlddump-2024-03-12-101502.txt for details"};

        /** The next line, or null at the end. */
        String next() {
            if (tail >= 0) {
                return tail < END.length ? END[tail++] : null;
            }
            if (written >= bytes) {
                tail = 0;
                return next();
            }
            String s = NOISE[random.nextInt(NOISE.length)];
            written += s.length() + 1;
            return s;
        }

        @Override
        public void close() {
        }
    }
}
