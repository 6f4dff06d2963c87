#!/usr/bin/env python3
"""Structural check of the Kubernetes manifests when no cluster (kubectl --dry-run=server) is at hand.

Checks: every document parses as YAML and has apiVersion, kind and metadata.name; the kinds the
deployment needs are all present; every port a probe or Service targets by name is declared by the
container; Services and the PodDisruptionBudget select the Deployment's pod labels.
"""
import sys
import yaml

REQUIRED = {"Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget",
            "HorizontalPodAutoscaler", "ServiceMonitor"}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
kinds = []
for d in docs:
    for key in ("apiVersion", "kind", "metadata"):
        if key not in d:
            fail(f"document without {key}: {d}")
    if "name" not in d["metadata"]:
        fail(f"{d['kind']} without metadata.name")
    kinds.append(d["kind"])

missing = REQUIRED - set(kinds)
if missing:
    fail(f"missing kinds: {sorted(missing)}")

deployment = next(d for d in docs if d["kind"] == "Deployment")
pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
if deployment["spec"]["selector"]["matchLabels"] != pod_labels:
    fail("Deployment selector does not match its pod labels")
container = deployment["spec"]["template"]["spec"]["containers"][0]
port_names = {p["name"] for p in container["ports"]}
for probe in ("readinessProbe", "livenessProbe"):
    port = container[probe]["httpGet"]["port"]
    if port not in port_names:
        fail(f"{probe} targets undeclared port {port}")
for svc in (d for d in docs if d["kind"] == "Service"):
    if svc["spec"]["selector"].items() - pod_labels.items():
        fail(f"Service {svc['metadata']['name']} does not select the pods")
    for p in svc["spec"]["ports"]:
        if p["targetPort"] not in port_names:
            fail(f"Service {svc['metadata']['name']} targets undeclared port {p['targetPort']}")
volumes = {v["name"] for v in deployment["spec"]["template"]["spec"]["volumes"]}
for m in container["volumeMounts"]:
    if m["name"] not in volumes:
        fail(f"volumeMount {m['name']} has no volume")

print("OK: " + ", ".join(kinds))
