#!/bin/sh
# run.sh runs the egress test (egress.test.mjs) inside a network namespace that
# has only loopback, so that nothing can leave even if Hearth tried: as root
# with `unshare -n`, otherwise in a user namespace (`unshare -rn`). Where no
# namespace can be made, it says so and runs the test with the recorder alone.
set -eu
cd "$(dirname "$0")/../.."
run='ip link set lo up && HEARTH_EGRESS_NETNS=1 exec node --test --test-concurrency=1 checks/egress/'
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  exec unshare -n sh -c "$run"
elif unshare -rn true 2>/dev/null; then
  exec unshare -rn sh -c "$run"
fi
echo "egress: no network namespace can be made here: connections are recorded, not contained, and the recorder's self-test is skipped"
exec node --test --test-concurrency=1 checks/egress/
