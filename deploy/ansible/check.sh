#!/usr/bin/env bash
# check.sh: the checks of the playbooks that need no cluster, in a few seconds:
#   - ansible-playbook --syntax-check of every playbook, against the example inventory;
#   - ansible-lint with .ansible-lint (said and skipped where ansible-lint is not installed);
#   - inventory/example/group_vars/all.yml lists every setting of roles/bigfs_common/defaults/main.yml,
#     commented out, with the same default and the same words.
# mvn verify runs it (AnsiblePlaybookTest) where ansible is installed.
#
#   deploy/ansible/check.sh
set -euo pipefail
cd "$(dirname "$0")"
export ANSIBLE_CONFIG="$PWD/ansible.cfg"
# Ansible refuses to run in a locale that is not UTF-8 (say LC_ALL=C); C.UTF-8 is on every Debian.
export LC_ALL=C.UTF-8

# The leader and follower groups of rolling-restart.yml exist only once it runs.
ANSIBLE_HOST_PATTERN_MISMATCH=ignore ansible-playbook -i inventory/example --syntax-check site.yml rolling-restart.yml stop.yml > /dev/null
echo "check.sh: syntax of site.yml, rolling-restart.yml, stop.yml: ok"

if command -v ansible-lint > /dev/null; then
  ansible-lint --nocolor -q
  echo "check.sh: ansible-lint: ok"
else
  echo "check.sh: ansible-lint is not installed: lint skipped"
fi

# From the first section heading on, all.yml is defaults/main.yml with every setting commented out.
defaults=roles/bigfs_common/defaults/main.yml
example=inventory/example/group_vars/all.yml
if ! diff -u --label "$defaults (commented out)" --label "$example" \
    <(sed -n '/^# --- /,$p' "$defaults" | sed -E 's/^([^#[:space:]]|  )/# \1/') \
    <(sed -n '/^# --- /,$p' "$example"); then
  echo "check.sh: $example must list the settings of $defaults, commented out (see the diff above)" >&2
  exit 1
fi
echo "check.sh: $example lists every setting of $defaults: ok"
