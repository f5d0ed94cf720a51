// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Folded filters open by themselves where the screen has room for them (the page works folded without this).
  if (window.matchMedia && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  var lang = document.documentElement.lang || undefined;

  // Beside a UTC time on a session page, add the reader's own time, named.
  document.querySelectorAll("time[data-local]").forEach(function (el) {
    var start = new Date(el.getAttribute("datetime"));
    if (isNaN(start) || /^(Etc\/)?UTC$/.test(zone) || zone === el.getAttribute("data-zone")) return;
    var fmt = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone: zone, timeZoneName: "short" });
    var p = document.createElement("p");
    p.className = "z";
    p.textContent = fmt.format(start) + " (" + zone.replace(/_/g, " ") + ")";
    el.parentNode.parentNode.appendChild(p);
  });

  // Offer "my time zone" on the programme's time zone field.
  document.querySelectorAll("input[data-tz]").forEach(function (input) {
    if (input.value) return;
    var a = document.createElement("a");
    var url = new URL(window.location.href);
    url.searchParams.set("tz", zone);
    a.href = url.pathname + url.search;
    a.textContent = zone.replace(/_/g, " ");
    a.className = "m";
    input.parentNode.appendChild(a);
  });
})();
