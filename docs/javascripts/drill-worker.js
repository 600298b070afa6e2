// Module Web Worker for the estimation drills: runs sysdesign_core.drills in Pyodide.
// Boots like calc-worker.js (same pinned runtime, same core archive, loader checked by SRI).
// Protocol: {type: "init", pyodide, integrity, core} → {type: "ready"} | {type: "failed"};
// {type: "drill", id, seed, answers} → {type: "drill", id, ...respond(seed, answers)}.

let runtime = null;

async function importVerified(url, integrity) {
  const response = await fetch(url, { integrity, mode: "cors" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const blobUrl = URL.createObjectURL(new Blob([await response.text()], { type: "text/javascript" }));
  try {
    return await import(blobUrl);
  } finally {
    URL.revokeObjectURL(blobUrl);
  }
}

async function boot({ pyodide: base, integrity, core }) {
  const coreBytes = fetch(core).then((r) => {
    if (!r.ok) throw new Error(`${core}: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  const { loadPyodide } = await importVerified(`${base}pyodide.mjs`, integrity);
  const py = await loadPyodide({ indexURL: base });
  py.unpackArchive(await coreBytes, "zip", { extractDir: "/home/pyodide/sd" });
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide/sd')");
  return py.pyimport("sysdesign_core.drills").respond_json;
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    if (runtime) return;
    runtime = boot(data);
    try {
      await runtime;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", reason: String((error && error.message) || error) });
    }
    return;
  }
  if (data.type === "drill") {
    const respond = await runtime;
    const reply = JSON.parse(respond(String(data.seed), JSON.stringify(data.answers)));
    self.postMessage({ type: "drill", id: data.id, ...reply });
  }
};
