#!/usr/bin/env python3
"""Simulator world dump: what DevStack's worlddump.py collects after a failed run, written to
<dir>/worlddump-YYYY-mm-dd-HHMMSS.txt (UTC)."""
import argparse
import datetime
import os
import shutil
import subprocess
import sys

ERA = os.environ.get("SIM_ERA") or open(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sim-era")).read().strip()


def header(out, name):
    out.write("\n" + "=" * len(name) + "\n" + name + "\n" + "=" * len(name) + "\n\n")


def run(out, cmd, show_errors=False):
    out.write("%s\n%s\n" % (cmd, "-" * len(cmd)))
    try:
        res = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10)
        out.write(res.stdout)
        if res.returncode != 0:
            out.write("*** Failed to run '%s': %s\n" % (cmd, res.stderr.strip()))
            if show_errors:
                # the 2016 tree's ovs-vsctl call lets its errors reach the console
                sys.stderr.write(res.stderr)
    except Exception as exc:  # pragma: no cover - reported like DevStack does
        out.write("*** Failed to run '%s': %s\n" % (cmd, exc))
    out.write("\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-d", "--dir", default=".")
    parser.add_argument("-n", "--name", default="")
    opts = parser.parse_args()
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d-%H%M%S")
    name = "worlddump-%s%s.txt" % (stamp, "-" + opts.name if opts.name else "")
    path = os.path.join(opts.dir, name)
    print("World dumping... see %s for details" % path)
    sys.stdout.flush()
    with open(path, "w") as out:
        header(out, "File System Summary")
        run(out, "df -Ph")
        header(out, "Process Listing")
        run(out, "ps axo user,ppid,pid,pcpu,pmem,vsz,rss,tty,stat,start,time,args | head -50")
        header(out, "Network Dump")
        run(out, "ip addr")
        header(out, "Open vSwitch Dump")
        if ERA == "2016":
            run(out, "ovs-vsctl list-br", show_errors=True)
        else:
            run(out, "sudo ovs-vsctl list-br")
    if ERA != "2016":
        shutil.copyfile(path, os.path.join(opts.dir, "worlddump-latest.txt"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
