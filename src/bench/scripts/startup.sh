#!/usr/bin/env bash
# Start-up time of the desktop app: from JVM start to a visible window, and to ND4J being ready
# (the status bar shows the backend), first "cold" (ND4J's native libraries not yet unpacked into
# ~/.javacpp/cache) and then warm. Needs Xvfb (installed if missing). Run from the project root:
#   src/bench/scripts/startup.sh [runs]
set -euo pipefail
runs=${1:-3}
command -v Xvfb >/dev/null || (apt-get update -qq && apt-get install -y -qq xvfb) >/dev/null
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
cp="target/classes:$(cat target/cp.txt)"
# One virtual display for every run, stopped when the script ends.
display=:$((150 + RANDOM % 50))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 1
once() {
  local log; log=$(mktemp)
  DISPLAY=$display java -Dworkbench.timing=true -cp "$cp" workbench.app.Main >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do grep -q "ND4J ready" "$log" && break; sleep 0.25; done
  grep -o "workbench timing: .*" "$log" | tr '\n' ' '; echo
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -f "$log"
}
echo "cold (javacpp cache cleared):"
rm -rf ~/.javacpp/cache
once
echo "warm:"
for _ in $(seq 1 "$runs"); do once; done
