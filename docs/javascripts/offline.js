// @ts-check
// Registers the service worker (sw.js at the site root, so its scope is the whole site) and,
// on a calculator page, makes sure the calculator runtime is in its cache for offline use.
//
// On the very first visit the calculator worker starts before the service worker controls the
// page, so its downloads bypass the cache. When the worker is live, runtime.js announces the
// URLs it fetched (sd:runtime-ready); this module hands them to the service worker, which stores
// them from the HTTP cache. No second runtime boots. <html data-sd-offline="ready"> then says
// this page works offline.

const SW_URL = new URL("../sw.js", import.meta.url);

// The URLs the page's calculator worker fetched, announced by runtime.js when it is live.
function runtimeUrls() {
  if (window.sdRuntimeUrls) return Promise.resolve(window.sdRuntimeUrls);
  return new Promise((resolve) => {
    document.addEventListener("sd:runtime-ready", (event) => resolve(event.detail.urls), { once: true });
  });
}

async function warmRuntime() {
  const urls = await runtimeUrls();
  const controller = navigator.serviceWorker.controller;
  if (!controller || !urls.length) return false;
  const channel = new MessageChannel();
  const stored = new Promise((resolve) => { channel.port1.onmessage = () => resolve(true); });
  controller.postMessage({ type: "cache-runtime", urls }, [channel.port2]);
  return stored;
}

/** @type {Promise<boolean> | null} */
let warming = null;

async function ensureOffline() {
  // Once per session: the service worker skips what it already holds, so there is nothing
  // to check here first.
  if (document.querySelector("form.sd-calc")) {
    warming = warming || warmRuntime();
    if (!(await warming)) { warming = null; return; }
  }
  document.documentElement.dataset.sdOffline = "ready";
}

async function register() {
  if (!("serviceWorker" in navigator) || !window.caches) return;
  try {
    await navigator.serviceWorker.register(SW_URL, { scope: new URL("../", import.meta.url).href });
  } catch {
    return; // e.g. a file:// copy or a browser that refuses: the site still works online
  }
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((resolve) => {
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true });
    });
  }
  const check = () => { delete document.documentElement.dataset.sdOffline; ensureOffline(); };
  if (window.document$) window.document$.subscribe(check);
  else check();
}

// Start after the page has loaded, so registering and precaching never delay it; on a
// calculator page, after its runtime is live too (or 15 s), since on a first visit the
// precaching would take bandwidth and CPU from the runtime's boot. A reader who saves data or
// is on a slow connection (window.sdRuntimeWait, overrides/main.html) is not sent a copy of
// the whole site (~12 MB, ~2.5 MB compressed) they did not ask for: <html
// data-sd-offline="skipped">; a service worker installed on an earlier visit stays.
async function afterLoad() {
  const wait = window.sdRuntimeWait ? window.sdRuntimeWait() : "";
  if ((wait === "save-data" || wait === "slow") && !navigator.serviceWorker?.controller) {
    document.documentElement.dataset.sdOffline = "skipped";
    return;
  }
  if (document.querySelector("form.sd-calc")) {
    await Promise.race([runtimeUrls(), new Promise((resolve) => setTimeout(resolve, 15000))]);
  }
  register();
}

if (document.readyState === "complete") afterLoad();
else window.addEventListener("load", afterLoad, { once: true });
