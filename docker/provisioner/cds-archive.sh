#!/bin/sh
# Image build step: the CDS archive of the classes a sandbox deploy loads, dumped at the end of one (loopback
# only, no faults), next to the jars in /opt/provisioner; the provisioner script starts the JVM with it.
set -e
cd /tmp
if ! java -XX:ArchiveClassesAtExit=/opt/provisioner/provisioner.jsa -XX:+UseSerialGC \
    -jar /opt/provisioner/provisioner.jar deploy --sandbox --faults none >/tmp/cds-training.log 2>&1; then
  tail -20 /tmp/cds-training.log
  exit 1
fi
rm -rf /tmp/* /tmp/.[!.]* 2>/dev/null || true
chmod 0644 /opt/provisioner/provisioner.jsa
