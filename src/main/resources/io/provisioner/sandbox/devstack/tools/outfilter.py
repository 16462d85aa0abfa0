#!/usr/bin/env python3
"""Simulator log filter: drops xtrace on/off noise and stamps each line with a UTC
``YYYY-mm-dd HH:MM:SS.mmm | `` prefix (unless already stamped), like DevStack's outfilter."""
import argparse
import datetime
import re
import sys

IGNORE = re.compile(r"(set \+o|xtrace)")
HAS_DATE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \|")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-b", "--no-timestamp", action="store_true")
    parser.add_argument("-o", "--outfile")
    opts = parser.parse_args()
    out = open(opts.outfile, "ab", 0) if opts.outfile else None
    stdin = sys.stdin.buffer
    for raw in iter(stdin.readline, b""):
        line = raw.decode("utf-8", "replace")
        if IGNORE.search(line):
            continue
        if HAS_DATE.search(line) is None:
            now = datetime.datetime.now(datetime.timezone.utc)
            stamped = "%s | %s" % (now.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3], line)
        else:
            stamped = line
        if opts.verbose:
            sys.stdout.write(line if opts.no_timestamp else stamped)
            sys.stdout.flush()
        if out:
            out.write(stamped.encode("utf-8"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(1)
