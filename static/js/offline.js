// Register the service worker (backcare/offline.py) so pages opened once, and a started routine,
// work without signal. The worker's address comes from this script's data-worker attribute.
(function () {
  "use strict";

  const worker = document.currentScript && document.currentScript.dataset.worker;
  if (!worker || !("serviceWorker" in navigator)) return;
  // The browser asks the server for the worker on each visit, past any HTTP cache.
  navigator.serviceWorker.register(worker, { updateViaCache: "none" }).catch(() => undefined);
  // The page that installed the worker came before it: ask it to keep this page too.
  if (!navigator.serviceWorker.controller) {
    navigator.serviceWorker.ready.then((registration) => {
      registration.active.postMessage({ keep: window.location.href });
    });
  }
})();
