// The report form without loss: every change is kept in this browser at once and saved on the server every 20 seconds.
// Progressive enhancement only: without this file the form saves with its own buttons.
(function () {
  "use strict";
  var form = document.querySelector("form[data-report-draft]");
  if (!form || !window.fetch || !window.FormData) return;
  var key = "plenary-report:" + form.getAttribute("data-report-draft");
  var status = form.querySelector("[data-draft-status]");
  var store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }

  function say(name) { if (status) status.textContent = form.getAttribute("data-msg-" + name) || ""; }

  function fields() {
    var o = {};
    form.querySelectorAll("textarea[name^='Form.'], input[name^='Form.'], select[name^='Form.']").forEach(function (el) {
      if (el.type === "radio") { if (el.checked) o[el.name] = el.value; else if (!(el.name in o)) o[el.name] = ""; }
      else o[el.name] = el.value;
    });
    return o;
  }

  function fill(o) {
    Object.keys(o).forEach(function (name) {
      form.querySelectorAll("[name='" + name + "']").forEach(function (el) {
        if (el.type === "radio") el.checked = el.value === o[name];
        else el.value = o[name];
      });
    });
  }

  function read() { try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; } }
  function keep(dirty) { if (store) try { store.setItem(key, JSON.stringify({ fields: fields(), dirty: dirty, at: Date.now() })); } catch (e) { /* full */ } }

  // Put back what was typed here but never reached the server, unless the server holds a newer draft.
  var kept = store && read();
  var serverAt = Date.parse(form.getAttribute("data-saved-at") || "") || 0;
  // What the server holds: anything put back differs from it, so the next autosave sends it.
  var lastSent = JSON.stringify(fields());
  // A draft from the transcript just came back with everything typed in its request: older text kept here must not cover it.
  // Razor writes a data- attribute even when its value is null (as ""), so the value is what tells.
  var drafted = form.getAttribute("data-drafted") === "true";
  if (!drafted && kept && kept.dirty && kept.at > serverAt && JSON.stringify(kept.fields) !== lastSent) {
    fill(kept.fields);
    say("restored");
  }

  form.addEventListener("input", function () { keep(true); say("local"); });
  form.addEventListener("change", function () { keep(true); });

  var url = form.getAttribute("data-autosave");
  var busy = false;
  function autosave() {
    var now = JSON.stringify(fields());
    if (busy || now === lastSent || !url) return;
    busy = true;
    fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (r.type === "opaqueredirect" || r.status === 401 || r.status === 403) { say("signin"); return; }
        if (!r.ok) { say("local"); return; }
        lastSent = now;
        if (JSON.stringify(fields()) === now) keep(false);
        say("saved");
      })
      .catch(function () { say("offline"); })
      .then(function () { busy = false; });
  }
  setInterval(autosave, 20000);
  window.addEventListener("online", autosave);

  // So that reloading this page without a connection still shows the form (see /report-sw.js): the worker's scope is
  // this session's pages, and this page and its files are kept now, as the worker did not see them load.
  if (navigator.serviceWorker && window.caches && window.isSecureContext) {
    var scope = window.location.pathname.replace(/[^\/]*$/, "");
    navigator.serviceWorker.register("/report-sw.js", { scope: scope }).then(function () {
      var files = [window.location.pathname];
      document.querySelectorAll("link[rel=stylesheet][href], script[src]").forEach(function (el) {
        files.push(el.getAttribute("href") || el.getAttribute("src"));
      });
      return caches.open("plenary-report-forms-v1").then(function (cache) { return cache.addAll(files); });
    }).catch(function () { /* without the worker the form still saves here and on the server */ });
  }

  // The countdown, kept current, and the deadline in the writer's own zone when it is not the forum's.
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { zone = null; }
  var lang = document.documentElement.lang || undefined;
  var rel = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "always" }) : null;
  var times = document.querySelectorAll("time[data-countdown]");
  times.forEach(function (el) {
    var due = new Date(el.getAttribute("datetime"));
    if (isNaN(due) || !zone || zone === el.getAttribute("data-zone") || /^(Etc\/)?UTC$/.test(zone)) return;
    var p = document.createElement("p");
    p.className = "z";
    p.textContent = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone, timeZoneName: "short" }).format(due)
      + " (" + zone.replace(/_/g, " ") + ")";
    el.parentNode.parentNode.appendChild(p);
  });
  function tick() {
    if (!rel) return;
    times.forEach(function (el) {
      var minutes = Math.round((new Date(el.getAttribute("datetime")) - Date.now()) / 60000);
      var abs = Math.abs(minutes);
      el.textContent = abs >= 2880 ? rel.format(Math.round(minutes / 1440), "day") : abs >= 120 ? rel.format(Math.round(minutes / 60), "hour") : rel.format(minutes, "minute");
    });
  }
  setInterval(tick, 30000);
})();
