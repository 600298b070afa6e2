"""Pinned CDN assets: the integrity hashes in mkdocs.yml match the pinned npm files."""

from __future__ import annotations

import base64
import hashlib
import json

import yaml
from browser_support import CDN_DIRS, NODE_MODULES, ROOT

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
