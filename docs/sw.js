// Service worker: after one visit the site and its calculators work with the network gone.
// The build fills the placeholders below (macros/sw_hooks.py: VERSION, a hash of the built
// site; PRECACHE, every page and asset with its revision, a hash of its bytes; the CDN bases;
// PINS, the pinned CDN files with their SRI hashes).
// - Pages and same-origin assets: network first (always fresh online), the cache when offline
//   or when the network has not answered within NETWORK_TIMEOUT_MS.
//   Content-hashed files (name.0123abcd.ext) never change, so they are served cache first.
// - The pinned CDN runtime (Pyodide, Mermaid): cache first. A CDN file is stored only if it has
//   a pin, and only bytes that match it (fetched with its SRI hash); the calculator runtime's own
//   files (content-hashed names) only if their SHA-256 matches their name.
// - A new deploy installs a new cache. An open tab of the previous deploy keeps working: the
//   previous version's caches stay while any window is open at activation, and hashed files
//   and CDN files are looked up in every version's cache (not only the newest).

const VERSION = "__SD_VERSION__";
const CDN_VERSION = "__SD_CDN_VERSION__";
const PRECACHE = ["__SD_PRECACHE__"];
const CDN = ["__SD_CDN__"];
const PINS = "__SD_PINS__";
const SITE_CACHE = `sd-site-${VERSION}`;
const CDN_CACHE = `sd-cdn-${CDN_VERSION}`;
const OURS = /^sd-(?:site|cdn)-/;
const META = "sd-sw-meta"; // which caches the active version uses, for the next one
const META_KEY = "__sd-sw/active";
const HASHED = /\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css|zip|wasm|json|bin\.gz|sparse\.gz|gz)$/;
// The runtime's artefacts are named after the first 12 hex digits of their SHA-256.
const SHA_NAMED = /\/assets\/(?:runtime\/[\w-]+|sysdesign_core)\.([0-9a-f]{12})\.[\w.]+$/;
const NETWORK_TIMEOUT_MS = 3000;

const scoped = (path) => new URL(path, self.registration.scope).href;

// The version active until now: {version, caches, revisions: {path: revision}}.
async function activeVersion() {
  const meta = await caches.open(META);
  return (await (await meta.match(scoped(META_KEY)))?.json().catch(() => null)) || null;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SITE_CACHE);
    // Each file carries a revision (a hash of its bytes): a file the active version holds at
    // the same revision is copied from its cache, so a deploy that changes one page costs a
    // returning visitor that page, not the site.
    const previous = await activeVersion();
    const revisions = (previous && previous.revisions) || {};
    const kept = async (url) => {
      for (const name of (previous && previous.caches) || []) {
        const hit = await (await caches.open(name)).match(url);
        if (hit) return hit;
      }
      return undefined;
    };
    // One by one rather than addAll: a single missing file must not void the whole install.
    await Promise.allSettled(PRECACHE.map(async ([path, revision]) => {
      const url = scoped(path);
      const same = revisions[path] === revision && (await kept(url));
      if (same) return cache.put(url, same);
      return cache.add(new Request(url, { cache: "reload" }));
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Only this worker's own caches of older versions: the calculator worker keeps its
    // snapshot in a cache of its own ("sd-runtime-snapshot"), which is not ours to delete.
    // The version active until now keeps its caches while a window is open (a tab of that
    // deploy asks for its own hashed files); older ones go.
    const meta = await caches.open(META);
    const previous = await activeVersion();
    const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const keep = new Set([SITE_CACHE, CDN_CACHE]);
    if (previous && windows.length) for (const name of previous.caches || []) keep.add(name);
    for (const name of await caches.keys()) {
      if (OURS.test(name) && !keep.has(name)) await caches.delete(name);
    }
    const revisions = Object.fromEntries(PRECACHE);
    await meta.put(scoped(META_KEY), Response.json({ version: VERSION, caches: [SITE_CACHE, CDN_CACHE], revisions }));
    await self.clients.claim();
  })());
});

// A stored response for `request` in this version's cache `first`, else in any version's.
async function lookup(request, first, options) {
  const hit = await (await caches.open(first)).match(request, options);
  if (hit) return hit;
  for (const name of await caches.keys()) {
    if (name === first || !OURS.test(name)) continue;
    const older = await (await caches.open(name)).match(request, options);
    if (older) return older;
  }
  return undefined;
}

// Whether `response` may be stored for `url`: a runtime artefact only if its bytes hash to
// its name. (CDN files are fetched with their pin, so the browser has checked them.)
async function verified(url, response) {
  const named = SHA_NAMED.exec(new URL(url).pathname);
  if (!named) return true;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.startsWith(named[1]);
}

async function cacheFirst(request) {
  const hit = await lookup(request, SITE_CACHE);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && (await verified(request.url, response))) {
    await (await caches.open(SITE_CACHE)).put(request, response.clone());
  }
  return response;
}

// A pinned CDN file: from the cache, else fetched with its SRI hash (a mismatch is a network
// error) and stored. A CDN URL without a pin passes through and is never stored.
async function cdnFirst(request) {
  const hit = await lookup(request.url, CDN_CACHE);
  if (hit) return hit;
  const integrity = PINS[request.url];
  if (!integrity) return fetch(request);
  const response = await fetch(request.url, { integrity, mode: "cors", credentials: "omit" });
  if (response.ok) await (await caches.open(CDN_CACHE)).put(request.url, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(SITE_CACHE);
  const url = new URL(request.url);
  // Calculator state lives in the query (?dau=1B): store the page under its bare URL.
  const key = url.search && request.mode === "navigate" ? url.origin + url.pathname : request;
  const cached = async () => (await lookup(key, SITE_CACHE)) || (await lookup(request, SITE_CACHE, { ignoreSearch: true }));
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic") await cache.put(key, response.clone());
    return response;
  });
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_TIMEOUT_MS, null); });
  try {
    // A network that has not answered within the timeout: the stored copy, if there is one
    // (the network's answer still refreshes the cache when it comes).
    const first = await Promise.race([network, slow]);
    if (first) return first;
    const hit = await cached();
    if (hit) { network.catch(() => {}); return hit; }
    return await network;
  } catch (error) {
    const hit = await cached();
    if (hit) return hit;
    if (request.mode === "navigate") {
      const notFound = await lookup(scoped("404.html"), SITE_CACHE);
      if (notFound) return notFound;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// The calculator worker starts before this service worker controls a first-visit page, so its
// downloads pass us by. Once it is live the page sends the URLs the worker fetched, and they are
// stored here from the HTTP cache (no second boot, almost no network), checked as above.
async function store(urls) {
  for (const url of urls) {
    let cacheName = null;
    let integrity;
    if (CDN.some((base) => url.startsWith(base))) {
      integrity = PINS[url];
      if (!integrity) continue; // not pinned: never stored
      cacheName = CDN_CACHE;
    } else if (url.startsWith(self.registration.scope)) cacheName = SITE_CACHE;
    if (!cacheName) continue;
    const cache = await caches.open(cacheName);
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url, { mode: "cors", credentials: "omit", integrity });
      if (response.ok && (await verified(url, response))) await cache.put(url, response);
    } catch {
      // offline already, gone, or not the pinned bytes: the next visit will try again
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
    if (HASHED.test(new URL(url).pathname)) event.respondWith(cacheFirst(request));
    else event.respondWith(networkFirst(request));
  } else if (CDN.some((base) => url.startsWith(base))) {
    event.respondWith(cdnFirst(request));
  }
});
