#!/usr/bin/env python3
"""Checks the deployment files that cannot be run here (no Docker engine, no collector binary):
YAML syntax, that every CSPR service has a command, the contract variables and a health check, and that the
collector's pipelines only name receivers, processors and exporters it defines."""
import pathlib
import sys

import yaml

root = pathlib.Path(__file__).resolve().parent.parent
problems = []

compose = yaml.safe_load((root / "deploy/compose.yaml").read_text())
for name in ("gateway", "projector", "relay"):
    service = compose["services"].get(name)
    if not service:
        problems.append(f"compose: service {name} missing")
        continue
    env = service.get("environment", {})
    for key in ("DATABASE_URL", "KAFKA_BROKERS", "CSPR_MASTER_KEY", "AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URL", "OTEL_EXPORTER_OTLP_ENDPOINT", "CSPR_ADMIN_USER_IDS", "CSPR_ALLOWED_OPERATIONS"):
        if key not in env:
            problems.append(f"compose: {name} lacks {key}")
    if not service.get("command"):
        problems.append(f"compose: {name} has no command")
    if not service.get("healthcheck"):
        problems.append(f"compose: {name} has no health check")
    if "--no-install" not in service["command"]:
        problems.append(f"compose: {name} may let npx download an unpinned tsx at start (add --no-install)")
    if "@postgres:" in env.get("DATABASE_URL", "") and ":${POSTGRES_PASSWORD" not in env["DATABASE_URL"]:
        problems.append(f"compose: {name} connects without the database password")
    entry = root.parent / service["command"][-1]
    if not entry.exists():
        problems.append(f"compose: {name} runs {entry.relative_to(root.parent)}, which does not exist")

collector = yaml.safe_load((root / "otel/collector.yaml").read_text())
for pipeline, spec in collector["service"]["pipelines"].items():
    for kind in ("receivers", "processors", "exporters"):
        for component in spec.get(kind, []):
            if component not in (collector.get(kind) or {}):
                problems.append(f"collector: pipeline {pipeline} names undefined {kind[:-1]} {component}")

for problem in problems:
    print(problem, file=sys.stderr)
print(f"deployment files: {'ok' if not problems else f'{len(problems)} problem(s)'}")
sys.exit(1 if problems else 0)
