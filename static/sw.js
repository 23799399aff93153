// The service worker of the standalone page: it keeps the app's own files on this device, so
// that after one visit the app opens and works with no network.
//
// It fetches only during install (the files of this version, listed below, and the page in the
// reader's language that is open) and never in response to what the person does: it answers
// the app's own files from its cache and lets every other request go to the network untouched,
// as if it were not there. A page in another language the person opens later is kept as it
// passes. It also builds the copy to keep ("Download for offline use") from the files it holds,
// so that download makes no request either.
//
// `cargo xtask dist` (xtask/src/offline.rs) replaces the next line with this build's version,
// its files, the pages in the other languages and the parts of the offline copy, then minifies
// the file.
const VERSION = "", FILES = [], PAGES = [], COPY = { name: "", template: "", wasm: "", marker: "" };

const PREFIX = "crisis-comms-offline-";
const CACHE = PREFIX + VERSION;

self.addEventListener("install", (event) => {
  // "no-cache": a file the browser holds is checked with the host first, never taken stale.
  const fresh = (name) => new Request(name, { cache: "no-cache" });
  event.waitUntil(
    Promise.all([caches.open(CACHE), self.clients.matchAll({ type: "window", includeUncontrolled: true })]).then(
      ([cache, windows]) => cache.addAll(FILES.concat(pagesOpen(windows)).map(fresh)),
    ),
  );
});

// Of the pages in other languages (PAGES), those open in a window: the reader's own, whose
// app installs this worker. Each reader keeps the page of their language, not every language's.
function pagesOpen(windows) {
  const names = windows.map((w) => nameOf(new URL(w.url))).filter((name) => PAGES.includes(name));
  return [...new Set(names)];
}

// A file's name inside this worker's scope (`index.html` for the scope itself; `es.html` for
// `es`, where a host serves pages without their ending).
function nameOf(url) {
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const name = url.pathname.slice(scope.pathname.length) || "index.html";
  return PAGES.includes(name + ".html") ? name + ".html" : name;
}

self.addEventListener("activate", (event) => {
  // Only this worker's own caches of older versions go; the page's stored records are in
  // localStorage, which a new version reads and migrates as it always does.
  const old = (keys) => keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE);
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(old(keys).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The page asks for this when the person chooses to load the new version.
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const name = nameOf(new URL(request.url));
  if (name === null) return;
  if (name === COPY.name) {
    event.respondWith(offlineCopy());
  } else if (FILES.includes(name)) {
    event.respondWith(fromCache(name).then((response) => response || fetch(request)));
  } else if (PAGES.includes(name)) {
    event.respondWith(keptPage(event, name));
  }
  // Anything else (frame.html, embed/, examples/) goes to the network as without this worker.
});

function fromCache(name) {
  return caches.open(CACHE).then((cache) => cache.match(name));
}

// A page in another language: from the cache; else as the person asked for it, from the
// network, kept for the next time (the page is answered at once, not after it is kept); else
// (offline, and never opened here online) the English page, whose app still starts in the
// reader's language.
async function keptPage(event, name) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(name);
  if (kept) return kept;
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    return (await cache.match("index.html")) || Response.error();
  }
  if (response.ok) event.waitUntil(cache.put(name, response.clone()).catch(() => {}));
  return response;
}

// The copy to keep: the page template with the module's bytes in it, as base64, exactly as
// `cargo xtask dist` writes it beside the other files.
async function offlineCopy() {
  const [page, wasm] = await Promise.all([fromCache(COPY.template), fromCache(COPY.wasm)]);
  if (!page || !wasm) {
    return new Response("This browser no longer holds the app's files: open the app again first.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const bytes = new Uint8Array(await wasm.arrayBuffer());
  // A multiple of 3 bytes per piece, so the pieces' base64 joins without padding between them.
  const piece = 3 * 8192;
  let base64 = "";
  for (let at = 0; at < bytes.length; at += piece) {
    base64 += btoa(String.fromCharCode.apply(null, bytes.subarray(at, at + piece)));
  }
  const text = (await page.text()).replace(COPY.marker, () => base64);
  return new Response(text, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": 'attachment; filename="' + COPY.name + '"',
    },
  });
}
