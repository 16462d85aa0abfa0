#!/bin/bash
# Image build: the simulator tree (current era) as /srv/git/devstack.git, and the small OpenStack mirrors
# the git stand-in clones for https://opendev.org/openstack/* (as in the embedded sandbox).
set -euo pipefail
export GIT_AUTHOR_NAME=devstack-provisioner GIT_AUTHOR_EMAIL=lab@localhost
export GIT_COMMITTER_NAME=devstack-provisioner GIT_COMMITTER_EMAIL=lab@localhost
tree=/srv/devstack-tree
echo current > "$tree/sim-era"
# a real tree names one list of distributions: keep the current era's
python3 - "$tree/stack.sh" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r'if \[\[ "\$SIM_ERA" == "2016" \]\]; then\n\s*SUPPORTED_DISTROS="[^"]*"\n'
           r'else\n\s*(SUPPORTED_DISTROS="[^"]*")\nfi\n', r'\1\n', s, count=1)
open(p, "w").write(s)
PY
chmod 0755 "$tree"/stack.sh "$tree"/unstack.sh "$tree"/clean.sh "$tree"/tools/*.sh "$tree"/tools/*.py "$tree"/tools/sim-bin/*
git init -q -b master /srv/git/devstack.git.work
cp -a "$tree"/. /srv/git/devstack.git.work/
git -C /srv/git/devstack.git.work add -A
git -C /srv/git/devstack.git.work commit -q -m 'Merge "devstack-provisioner simulator (current)"'
git clone -q --bare /srv/git/devstack.git.work /srv/git/devstack.git
rm -rf /srv/git/devstack.git.work "$tree"
for repo in requirements:upper-constraints.txt keystone:requirements.txt; do
  name=${repo%%:*} file=${repo#*:}
  mkdir -p "/tmp/$name" && cd "/tmp/$name"
  git init -q -b master
  if [[ $name == requirements ]]; then printf 'PyYAML===6.0.1\nSQLAlchemy===2.0.29\n' > "$file"
  else printf 'PyYAML>=3.12\nSQLAlchemy>=1.4.0\n' > "$file"; fi
  git add -A && git commit -q -m "Sandbox $name"
  git clone -q --bare "/tmp/$name" "/srv/git/openstack/$name.git"
  cd / && rm -rf "/tmp/$name"
done
# the stack user clones them (git refuses repositories owned by another user)
chown -R stack:stack /srv/git && chmod -R a+rX /srv/git
