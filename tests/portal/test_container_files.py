"""Issue 22, item 6: what the image and the compose file promise, checked without a container engine (the build and
the run itself are scripts/container_smoke.sh's, where an engine runs)."""

from __future__ import annotations

import re

import yaml

from portal.harness import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()


def test_the_image_is_built_in_stages_and_runs_as_a_user_with_a_healthcheck():
    stages = re.findall(r"^FROM \S+ AS (\w+)$", DOCKERFILE, flags=re.MULTILINE)
    assert stages == ["build", "runtime"]
    runtime = DOCKERFILE.split("AS runtime", 1)[1]
    assert re.search(r"^USER mura$", runtime, flags=re.MULTILINE)
    assert "pip install" not in runtime  # the runtime stage only copies the virtualenv
    assert re.search(r"^HEALTHCHECK .*scripts/healthcheck\.py", runtime, flags=re.MULTILINE)
    assert "/healthz" in (ROOT / "scripts" / "healthcheck.py").read_text()


def test_the_compose_file_has_the_whole_portal_and_a_single_beat():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert set(services) == {"migrate", "web", "worker", "beat", "postgres", "redis"}
    assert "deploy" not in services["beat"]  # no replicas: exactly one beat
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert services[name]["environment"]["DEBUG"] == "false"
    assert services["web"]["environment"]["REDIS_URL"] != services["web"]["environment"]["CACHE_URL"]


def test_ci_runs_the_smoke_test():
    assert "scripts/container_smoke.sh" in (ROOT / ".ci" / "run").read_text()
