#!/bin/sh
# 50 lab sshd on 127.0.1.1-50: the provisioner's SSH layer next to parallel-ssh -p 50 (Debian pssh).
# Needs root, openssh-server, pssh. Prints the figures and leaves them in target/bench-ssh.txt.
set -eu
cd "$(dirname "$0")/.."
mvn -B -q -o -Pbench verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ParallelSshBenchmarkIT
cat target/bench-ssh.txt
