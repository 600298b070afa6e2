// What calc-worker.js (checked by `make typecheck-js` with jsconfig.worker.json) finds on `self`
// besides the Web Worker API. The build does not publish this file (mkdocs.yml exclude_docs).

/** The booted Pyodide, for the tests (they run Python in the worker through it). */
declare var pyodide: import("pyodide").PyodideAPI | undefined;
