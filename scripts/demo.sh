#!/usr/bin/env bash
# The main job: a fresh daemon on a virtual clock, walked through the seed scenario with kc.
# Each step prints one line of narration and kc's real output. Exits non-zero as soon as an
# outcome differs from what Kubernetes would do.
set -uo pipefail

KC=${KC:-./kc}
HOME_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kc-demo.XXXXXX")
export KC_HOME="$HOME_DIR/home"
WORK="$HOME_DIR/work"
mkdir -p "$WORK"
trap '"$KC" daemon stop >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$HOME_DIR"' EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
run() { printf '$ kc %s\n' "$*"; "$KC" "$@"; }
die() { printf '\nDEMO FAILED: %s\n' "$*" >&2; exit 1; }

# expect DESCRIPTION REGEX COMMAND...: runs the command, shows its output, checks it.
expect() {
  local desc=$1 re=$2 out
  shift 2
  printf '$ kc %s\n' "$*"
  out=$("$KC" "$@" 2>&1) || { printf '%s\n' "$out"; die "$desc (command failed)"; }
  printf '%s\n' "$out"
  printf '%s\n' "$out" | grep -Eq -- "$re" || die "$desc (wanted /$re/)"
}

# refuse DESCRIPTION REGEX COMMAND...: the command must fail with a message matching REGEX.
refuse() {
  local desc=$1 re=$2 out
  shift 2
  printf '$ kc %s\n' "$*"
  if out=$("$KC" "$@" 2>&1); then printf '%s\n' "$out"; die "$desc (it succeeded)"; fi
  printf '%s\n' "$out"
  printf '%s\n' "$out" | grep -Eiq -- "$re" || die "$desc (wanted /$re/)"
}

advance() { "$KC" sim clock advance "$1" >/dev/null || die "clock advance $1"; echo "(clock +$1)"; }

step "Start a daemon on a virtual clock with three workers (KC_HOME=$KC_HOME)"
run daemon start --clock virtual --nodes 3 || die "daemon start"
expect "nodes are Ready" "kc-worker3 +Ready" get nodes

step "Load the seed's locally built app images onto every node"
run image load app:1.0.0 app:1.0.1 app:1.0.2 app:1.0.3 || die "image load"

step "The seed's Pod has labels written as a list: the API refuses it and stores nothing"
cat > "$WORK/pod-seed.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: app
  labels:
    - name: app
spec:
  shareProcessNamespace: true
  containers:
    - name: app
      image: app:1.0.0
      imagePullPolicy: Never
      lifecycle:
        postStart:
          exec:
            command: ["/bin/sh", "-c", "echo Hello Test Start> /tmp/mylog"]
        preStop:
          exec:
            command: ["/bin/sh", "-c", "echo Hello Test End> /tmp/app/mylog"]
      volumeMounts:
        - mountPath: /tmp/app
          name: app-volume
      ports:
        - containerPort: 8080
          hostPort: 8080
      livenessProbe:
        exec:
          command: [cat, /tmp/app/healthy]
        initialDelaySeconds: 5
        periodSeconds: 5
  volumes:
    - name: app-volume
      emptyDir: {}
YAML
refuse "list labels are refused" "cannot unmarshal array" apply -f "$WORK/pod-seed.yaml"
refuse "nothing was stored" "not found" get pod app

step "With the labels fixed the Pod runs; its postStart hook writes /tmp/mylog"
sed '0,/^    - name: app$/s//    name: app/' "$WORK/pod-seed.yaml" > "$WORK/pod.yaml"
expect "Pod created" "pod/app created" apply -f "$WORK/pod.yaml"
advance 4s
expect "Pod Running" "^app +1/1 +Running" get pod app
expect "postStart ran" "Hello Test Start" exec app -- cat /tmp/mylog

step "Its liveness probe cats a file nobody wrote: the container restarts with growing back-off"
advance 60s
expect "restarts counted" "^app +[01]/1 +(Running|CrashLoopBackOff) +[1-9]" get pod app
expect "probe failures are events" "Liveness probe failed" describe pod app
# exec reaches the container only while it runs, not during its back-off.
for _ in 1 2 3 4 5 6 7 8 9 10; do
  "$KC" exec app -- touch /tmp/app/healthy >/dev/null 2>&1 && break
  advance 10s
done
run exec app -- ls /tmp/app || die "exec ls"
advance 30s
expect "preStop wrote into the emptyDir before each restart" "Hello Test End" exec app -- cat /tmp/app/mylog
advance 6m
r1=$("$KC" get pod app -o jsonpath='{.status.containerStatuses[0].restartCount}')
advance 3m
r2=$("$KC" get pod app -o jsonpath='{.status.containerStatuses[0].restartCount}')
[ "$r1" = "$r2" ] || die "the healthy file did not stop the restarts ($r1 -> $r2)"
expect "healthy and running" "^app +1/1 +Running" get pod app
run delete pod app --wait=false || die "delete pod"
advance 40s
refuse "the Pod is gone after its grace period" "not found" get pod app

step "The seed's ReplicaSet keeps three replicas"
cat > "$WORK/rs.yaml" <<'YAML'
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: app-rs
  labels:
    app: app-rs
    tier: app-rs
spec:
  replicas: 3
  selector:
    matchLabels:
      tier: app-rs
  template:
    metadata:
      labels:
        tier: app-rs
    spec:
      containers:
      - name: app
        image: app:1.0.0
        imagePullPolicy: Never
YAML
expect "ReplicaSet created" "replicaset.apps/app-rs created" apply -f "$WORK/rs.yaml"
advance 30s
expect "3/3/3" "^app-rs +3 +3 +3 " get rs app-rs
run get pods -o wide
victim=$("$KC" get pods -l tier=app-rs -o name | head -n 1)
run delete "$victim" --wait=false || die "delete $victim"
advance 40s
expect "a deleted pod is replaced" "^app-rs +3 +3 +3 " get rs app-rs
expect "ReplicaSet deleted" 'replicaset.apps "app-rs" deleted' delete rs app-rs
advance 60s
run get pods

printf '\nDemo finished: every step behaved as Kubernetes does.\n'
