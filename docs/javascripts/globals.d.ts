// What the site's page scripts (docs/javascripts/*.js, checked by `make typecheck-js` with
// jsconfig.json) find on `window` besides the DOM. The build does not publish this file
// (mkdocs.yml exclude_docs); the worker's globals are in worker-globals.d.ts.

/** The worker overrides/main.html starts from <head>, with what it said before runtime.js adopted it. */
interface EarlyWorker extends Worker {
  sdEarly?: Array<["message", MessageEvent] | ["error", ErrorEvent]>;
}

/** What GLightbox (assets/javascripts/glightbox.min.js, loaded by diagrams.js) returns. */
interface GLightboxInstance {
  on(event: string, listener: () => void): void;
  open(): void;
  destroy(): void;
}

interface Window {
  /** Material for MkDocs: emits the page's document on load and after each instant navigation. */
  document$?: { subscribe(next: (document: Document) => void): unknown };
  /** Why the calculator runtime waits for a first edit, or "" to start it now (overrides/main.html). */
  sdRuntimeWait?: () => "" | "save-data" | "slow" | "small";
  /** The calculator worker: started early from <head> (overrides/main.html), then runtime.js's. */
  sdCalcWorker?: EarlyWorker | Worker | null;
  /** How the runtime booted, for the tests and the bench (runtime.js). */
  sdRuntime?: {
    boot: "snapshot" | "plain";
    snapshotFrom?: "kept" | "network";
    fallback?: string;
    at: Record<string, number>;
  };
  /** The URLs the worker fetched, for the service worker to keep (runtime.js, offline.js). */
  sdRuntimeUrls?: string[];
  /** GLightbox's global, once diagrams.js has loaded it. */
  GLightbox?: (options: object) => GLightboxInstance;
}

/** A calculator's run() result (sysdesign_core.widget), as a form announces it in `sd:result`. */
interface CalcResult {
  outputs: Record<string, { value: number; unit: string; text: string }>;
}

/**
 * What a form links to from its latest result (sysdesign_core.widget.extras), announced in
 * `sd:links` once typing pauses.
 */
interface CalcLinks {
  /** The inputs as a worksheet ("Open in the worksheet", worksheet.js). */
  sheet?: string;
  /** The next calculators' inputs, by calculator id (onward.js). */
  onward?: Record<string, Record<string, string>>;
}

/**
 * The page's own events: the runtime is live (runtime.js); a form has new results, and, once
 * typing pauses, what they link to (calculators.js).
 */
interface DocumentEventMap {
  "sd:runtime-ready": CustomEvent<{ urls: string[] }>;
  "sd:result": CustomEvent<CalcResult>;
  "sd:links": CustomEvent<CalcLinks>;
}
