// Module Web Worker that runs sysdesign_core in Pyodide, off the main thread.
// Protocol: the page posts {type: "init", pyodide, integrity, core} once, then
// {type: "run", id, calc, inputs}; the worker answers {type: "ready"} or
// {type: "failed", reason}, and {type: "result", id, ok, result | errors} per run.

let runtime = null; // resolves to the Python `respond` function

async function importVerified(url, integrity) {
  // Fetch the loader with its SRI hash, then import it from a blob: a changed file is refused.
  const response = await fetch(url, { integrity, mode: "cors" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const blob = new Blob([await response.text()], { type: "text/javascript" });
  const blobUrl = URL.createObjectURL(blob);
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
  return py.pyimport("sysdesign_core.widget").respond_json;
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    if (runtime) return;
    runtime = boot(data);
    try {
      await runtime;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", reason: String(error && error.message || error) });
    }
    return;
  }
  if (data.type === "run") {
    const respond = await runtime;
    const reply = JSON.parse(respond(data.calc, JSON.stringify(data.inputs)));
    self.postMessage({ type: "result", id: data.id, ...reply });
  }
};
