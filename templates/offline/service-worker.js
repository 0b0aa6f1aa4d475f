{% autoescape off %}// BackCare's service worker (backcare/offline.py; issue 21, point 6), so a started routine works
// without signal. It keeps the static files, the guide's pages and the pages a patient has opened,
// in one cache named after the content version: when the content or the code changes, this script
// changes, the browser installs it on the next visit online, and the old cache is deleted.
// It never keeps the checklist, its results, the admin or search (NEVER), nor any answer to a POST
// or any response marked no-store or private, and it asks nothing of another origin. Without signal
// a page it never kept shows a page of its own saying so, with the emergency number.
"use strict";

const VERSION = {{ version }};
const CACHE = "backcare-" + VERSION;
const PRECACHE = {{ precache }};
const NEVER = {{ never }};
const HOME = {{ home }};
const SEEK_HELP = {{ seek_help }};
const KEPT_PAGES = {{ kept_pages }};
// A started routine's steps differ only by this parameter; one saved page shows any of them.
const STEP_PARAM = {{ step_param }};
// Why this page is not here: a page never kept (the checklist, search) or one not opened before.
const NEEDS_SIGNAL = "The checklist and search need a signal: they are never kept on this phone, so that nothing you answer or look for stays on it.";
const NOT_SAVED = "This page was not saved on this phone. Pages you opened before, and routines you started, work without signal.";
const offlinePage = (why) => `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>You are offline · BackCare</title><link rel="stylesheet" href="${PRECACHE[0]}"><link rel="stylesheet" href="${PRECACHE[1]}"><main class="container site-main"><h1>You are offline</h1><p>${why}</p><p>In an emergency call <a href="tel:{{ emergency_number }}">{{ emergency_number }}</a>.</p><p>The signs that need a doctor are kept on this phone: <a href="${SEEK_HELP}">When to seek help</a>.</p><p><a href="${HOME}">The guide's home page</a></p></main></html>`;

function keepable(url) {
  return url.origin === self.location.origin && !NEVER.some((prefix) => url.pathname.startsWith(prefix));
}

function storable(response) {
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return response.ok && response.type === "basic" && !/no-store|private/.test(control);
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // One missing page must not stop the rest being kept.
      Promise.all(PRECACHE.map((path) => cache.add(path).catch(() => undefined))),
    ).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith("backcare-") && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// Pages opened are kept up to KEPT_PAGES (building a routine opens a new address at each change):
// past it the oldest opened page goes, never one kept at install.
async function put(url, response) {
  const cache = await caches.open(CACHE);
  await cache.put(url, response);
  const opened = (await cache.keys()).filter((kept) => {
    const { pathname, search } = new URL(kept.url);
    return !PRECACHE.includes(pathname + search);
  });
  await Promise.all(opened.slice(0, Math.max(opened.length - KEPT_PAGES, 0)).map((old) => cache.delete(old)));
}

function keep(request, response) {
  if (storable(response)) put(request.url, response.clone());
  return response;
}

async function saved(request) {
  const cache = await caches.open(CACHE);
  const found = await cache.match(request);
  if (found) return found;
  // The query is cut by hand: URLSearchParams would write the routine's code differently.
  const url = new URL(request.url);
  const parts = url.search.slice(1).split("&");
  const first = parts.filter((part) => !part.startsWith(STEP_PARAM + "="));
  if (first.length === parts.length) return undefined;
  url.search = first.join("&");
  return cache.match(url.href);
}

function offline(why = NOT_SAVED) {
  return new Response(offlinePage(why), { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'self'" } });
}

// Pages: the network first (always the newest online), the saved copy without signal.
async function page(request) {
  try {
    return keep(request, await fetch(request));
  } catch (error) {
    return (await saved(request)) || offline(NOT_SAVED);
  }
}

// Static files: the saved copy first (the cache is new with every release).
async function file(request) {
  return (await caches.match(request, { cacheName: CACHE })) || keep(request, await fetch(request));
}

// The page that installed the worker, which came before it could keep it.
self.addEventListener("message", (event) => {
  const wanted = event.data && event.data.keep;
  if (typeof wanted !== "string" || event.origin !== self.location.origin) return;
  const url = new URL(wanted);
  if (!keepable(url)) return;
  event.waitUntil(
    fetch(url.href)
      .then((response) => storable(response) && put(url.href, response))
      .catch(() => undefined),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // A form sent without signal (the checklist's answers): the offline page, never kept.
    if (request.mode === "navigate") event.respondWith(fetch(request).catch(() => offline(NEEDS_SIGNAL)));
    return;
  }
  if (!keepable(url)) {
    // Never kept (the checklist, search): without signal the offline page, with the number to
    // call, not the browser's error page.
    if (request.mode === "navigate") event.respondWith(fetch(request).catch(() => offline(NEEDS_SIGNAL)));
    return;
  }
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});
{% endautoescape %}
