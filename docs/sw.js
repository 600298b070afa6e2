// Service worker: after one visit the site and its calculators work with the network gone.
// The build (macros/practice_hooks.py) fills the placeholders below: VERSION is a hash of the
// built site, so a new deploy installs a new cache and deletes the old one.
// - Pages and same-origin assets: network first (always fresh online), cache when offline.
//   Content-hashed files (name.0123abcd.ext) never change, so they are served cache first.
// - The pinned CDN runtime (Pyodide, Mermaid): cache first, stored on first use. Whatever the
//   page or the calculator worker fetches from there is kept: no list of runtime files here.

const VERSION = "__SD_VERSION__";
const CDN_VERSION = "__SD_CDN_VERSION__";
const PRECACHE = ["__SD_PRECACHE__"];
const CDN = ["__SD_CDN__"];
const SITE_CACHE = `sd-site-${VERSION}`;
const CDN_CACHE = `sd-cdn-${CDN_VERSION}`;
const HASHED = /\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css|zip|wasm|json|bin\.gz|gz)$/;

const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SITE_CACHE);
    // One by one rather than addAll: a single missing file must not void the whole install.
    await Promise.allSettled(PRECACHE.map((path) => cache.add(new Request(scoped(path), { cache: "reload" }))));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Only this worker's own caches of older versions: the calculator worker keeps its
    // snapshot in a cache of its own ("sd-runtime-snapshot"), which is not ours to delete.
    const keep = new Set([SITE_CACHE, CDN_CACHE]);
    for (const name of await caches.keys()) {
      if (/^sd-(?:site|cdn)-/.test(name) && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

async function cacheFirst(request, cacheName) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(SITE_CACHE);
  const url = new URL(request.url);
  // Calculator state lives in the query (?dau=1B): store the page under its bare URL.
  const key = url.search && request.mode === "navigate" ? url.origin + url.pathname : request;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const hit = (await cache.match(key)) || (await cache.match(request, { ignoreSearch: true }));
    if (hit) return hit;
    if (request.mode === "navigate") {
      const notFound = await cache.match(scoped("404.html"));
      if (notFound) return notFound;
    }
    throw error;
  }
}

// The calculator worker starts before this service worker controls a first-visit page, so its
// downloads pass us by. Once it is live the page sends the URLs the worker fetched, and they are
// stored here from the HTTP cache (no second boot, almost no network).
async function store(urls) {
  for (const url of urls) {
    let cacheName = null;
    if (CDN.some((base) => url.startsWith(base))) cacheName = CDN_CACHE;
    else if (url.startsWith(self.registration.scope)) cacheName = SITE_CACHE;
    if (!cacheName) continue;
    const cache = await caches.open(cacheName);
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { mode: "cors", credentials: "omit" });
      if (response.ok) await cache.put(url, response);
    } catch {
      // offline already, or gone: the next visit will try again
    }
  }
}

self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "cache-runtime") return;
  const reply = event.ports[0];
  event.waitUntil(store(event.data.urls || []).then(() => reply && reply.postMessage("stored")));
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = request.url;
  if (url.startsWith(self.registration.scope)) {
    if (HASHED.test(new URL(url).pathname)) event.respondWith(cacheFirst(request, SITE_CACHE));
    else event.respondWith(networkFirst(request));
  } else if (CDN.some((base) => url.startsWith(base))) {
    event.respondWith(cacheFirst(request, CDN_CACHE));
  }
});
