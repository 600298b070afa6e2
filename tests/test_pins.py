"""Pinned CDN assets: the integrity hashes in mkdocs.yml match the pinned npm files."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import yaml

from tools.cdn import CDN_DIRS
from tools.chromium import NODE_MODULES, ROOT

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
PACKAGE = json.loads((ROOT / "package.json").read_text())


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def needs_npm() -> None:
    assert (NODE_MODULES / "pyodide").exists(), "npm assets missing: run make test (npm ci)"


def test_versions_agree() -> None:
    pyodide = CONFIG["extra"]["pyodide"]
    assert PACKAGE["dependencies"]["pyodide"] == pyodide["version"]
    assert f"/v{pyodide['version']}/" in pyodide["base"]
    assert f"mermaid@{PACKAGE['dependencies']['mermaid']}/" in CONFIG["extra"]["mermaid"]["url"]
    assert all(
        base in (pyodide["base"], CONFIG["extra"]["mermaid"]["url"].rsplit("/", 1)[0] + "/")
        for base in CDN_DIRS
    )


def test_integrity_hashes_match_the_npm_files() -> None:
    needs_npm()
    pyodide = CONFIG["extra"]["pyodide"]
    assert sri((NODE_MODULES / "pyodide" / "pyodide.mjs").read_bytes()) == pyodide["integrity"]
    mermaid = NODE_MODULES / "mermaid" / "dist" / "mermaid.min.js"
    assert sri(mermaid.read_bytes()) == CONFIG["extra"]["mermaid"]["integrity"]


def test_every_pyodide_file_is_pinned_to_the_npm_copy() -> None:
    """The worker and the service worker fetch these from the CDN only with these hashes."""
    needs_npm()
    files = CONFIG["extra"]["pyodide"]["files"]
    assert {"pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"} <= set(files)
    for name, integrity in files.items():
        assert sri((NODE_MODULES / "pyodide" / name).read_bytes()) == integrity, name
    assert files["pyodide.mjs"] == CONFIG["extra"]["pyodide"]["integrity"]


def test_the_worker_fetches_nothing_from_the_cdn_unpinned() -> None:
    """Every CDN fetch in calc-worker.js goes through fetchVerified/importVerified with a pin."""
    source = (ROOT / "docs" / "javascripts" / "calc-worker.js").read_text()
    for name in ("pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json", "python_stdlib.zip"):
        assert f'pin(files, "{name}")' in source, name
    assert "import(`${base}" not in source  # Pyodide's runtime module only through the blob
    assert "createPyodideModule" in source


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SHA_PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def workflow(path: Path) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(path.read_text())
    return loaded


def steps_of(path: Path) -> list[dict[str, Any]]:
    return [step for job in workflow(path)["jobs"].values() for step in job.get("steps", [])]


def test_actions_are_pinned_by_commit_sha_with_their_tag() -> None:
    assert WORKFLOWS
    for path in WORKFLOWS:
        lines = path.read_text().splitlines()
        for step in steps_of(path):
            if "uses" not in step:
                continue
            assert SHA_PINNED.match(step["uses"]), f"{path.name}: {step['uses']} not SHA-pinned"
            line = next(line for line in lines if step["uses"] in line)
            assert re.search(r"#\s*v\d", line), f"{path.name}: {step['uses']} has no tag comment"
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert "github-actions" in {update["package-ecosystem"] for update in config["updates"]}


def test_checkouts_keep_no_token() -> None:
    for path in WORKFLOWS:
        for step in steps_of(path):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, path.name


def test_pages_permissions_only_on_the_deploy_job() -> None:
    deploy = workflow(ROOT / ".github" / "workflows" / "deploy.yml")
    assert not deploy.get("permissions"), "the workflow grants permissions to every job"
    for name, job in deploy["jobs"].items():
        granted = {k for k, v in (job.get("permissions") or {}).items() if v == "write"}
        if name == "deploy":
            assert granted == {"pages", "id-token"}
            assert all("run" not in step for step in job["steps"]), "deploy runs project code"
        else:
            assert granted == set(), f"{name} may write: {granted}"
    for path in WORKFLOWS:
        top = workflow(path).get("permissions") or {}
        assert all(v != "write" for v in top.values()), path.name


def test_a_failed_chromium_install_fails_the_build() -> None:
    for path in WORKFLOWS:
        for step in steps_of(path):
            run = str(step.get("run", ""))
            if "chromium" in run.lower():
                assert "|| true" not in run and "continue-on-error" not in step, path.name
        text = path.read_text()
        assert "make install" in text, f"{path.name}: Chromium is not installed by make install"
