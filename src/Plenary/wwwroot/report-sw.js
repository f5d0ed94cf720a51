// The report form's service worker: when the connection drops, reloading a report form shows the copy kept when it
// last loaded (with its stylesheet and script), and report.js puts back what was typed. It is registered with the
// scope of one session's pages only and answers nothing else; every request still goes to the network first.
"use strict";
var CACHE = "plenary-report-forms-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  var form = request.mode === "navigate" && /\/report$/.test(url.pathname);
  var asset = /^\/(css|js)\//.test(url.pathname);
  if (!form && !asset) return;
  var key = form ? url.pathname : request.url;
  event.respondWith(fetch(request).then(function (response) {
    // Only a form actually shown to its writer is kept: not a redirect to sign in, not an error page.
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(key, copy); }));
    }
    return response;
  }).catch(function (offline) {
    return caches.open(CACHE)
      .then(function (cache) { return cache.match(key); })
      .then(function (kept) { if (kept) return kept; throw offline; });
  }));
});
