// Progressive enhancement of a session's live page and moderators' console: without this file both work by
// reloading. Each event carries the id of the queue's state; the page connects saying which state it shows
// (?since=, then the browser's own Last-Event-ID on reconnection), and the server sends the state only when it differs,
// at once and after every change. Each event makes the page fetch itself and swap its live regions, so a page that
// missed changes while offline catches up, and one that missed nothing is not reloaded for nothing.
(function () {
  "use strict";
  var root = document.querySelector("[data-live]");
  if (!root || !window.EventSource || !window.fetch || !window.DOMParser) return;
  var status = document.getElementById("live-status");
  var busy = false, again = false, source = null, retry = null;

  // A region's markup without its form tokens, which differ on every rendering of the same state.
  function comparable(html) { return html.replace(/name="__RequestVerificationToken" type="hidden" value="[^"]*"/g, ""); }
  document.querySelectorAll("[data-live-region]").forEach(function (region) {
    region.setAttribute("data-served", comparable(region.innerHTML));
  });

  function say(text) { if (status) status.textContent = text || ""; }

  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    fetch(window.location.pathname, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live-region]").forEach(function (region) {
          var next = fresh.getElementById(region.id);
          var focused = document.activeElement;
          // Never pull a half-typed topic out from under the person typing it; the next event brings it.
          if (!next || (focused && region.contains(focused) && /^(INPUT|TEXTAREA|SELECT)$/.test(focused.tagName) && focused.value)) return;
          // Swap only what changed: replacing an unchanged region would swallow a click that lands on a button
          // while it is being replaced (every connection starts with an event, right after the moderator's own post).
          var served = comparable(next.innerHTML);
          if (served === region.getAttribute("data-served")) return;
          region.innerHTML = next.innerHTML;
          region.setAttribute("data-served", served);
        });
        tick();
      })
      .catch(function () { again = true; })
      .then(function () {
        busy = false;
        if (again) { again = false; window.setTimeout(refresh, 250); }
      });
  }

  function connect() {
    retry = null;
    var since = root.getAttribute("data-live-since");
    source = new EventSource(root.getAttribute("data-live") + (since ? "?since=" + encodeURIComponent(since) : ""));
    source.onopen = function () { say(root.getAttribute("data-live-on")); };
    source.addEventListener("queue", function (e) {
      if (e.lastEventId) root.setAttribute("data-live-since", e.lastEventId);
      say(root.getAttribute("data-live-on"));
      refresh();
    });
    source.onerror = function () {
      say(root.getAttribute("data-live-off"));
      // The browser retries by itself while the stream is merely interrupted; a refused or closed one is retried here.
      if (source.readyState === EventSource.CLOSED && !retry) retry = window.setTimeout(connect, 3000);
    };
  }

  // The speaking timer on the console.
  function tick() {
    document.querySelectorAll("[data-since]").forEach(function (el) {
      var since = Date.parse(el.getAttribute("data-since"));
      if (isNaN(since)) return;
      var s = Math.max(0, Math.floor((Date.now() - since) / 1000));
      el.textContent = Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
    });
  }

  window.setInterval(tick, 1000);
  tick();
  connect();
})();
