// Drag and drop on the Secretariat's day-by-room timetable, as an enhancement of the move forms: dropping a session on
// a room's column of a day fills that form's day and room, keeps its start time, and sends the same form, so the server
// checks every rule exactly as for a typed move. Without this file (or without a pointer) the forms do it all.
(function () {
  "use strict";
  var grid = document.querySelector("[data-timetable]");
  if (!grid || !("draggable" in document.createElement("div"))) return;
  var dragged = null;

  grid.querySelectorAll("[data-session]").forEach(function (item) {
    item.setAttribute("draggable", "true");
    item.addEventListener("dragstart", function (e) {
      dragged = item;
      item.classList.add("dragging");
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", item.getAttribute("data-session"));
    });
    item.addEventListener("dragend", function () { item.classList.remove("dragging"); dragged = null; });
  });

  grid.querySelectorAll("td[data-day][data-room]").forEach(function (cell) {
    cell.addEventListener("dragover", function (e) { if (dragged) { e.preventDefault(); cell.classList.add("drop"); } });
    cell.addEventListener("dragleave", function () { cell.classList.remove("drop"); });
    cell.addEventListener("drop", function (e) {
      e.preventDefault();
      cell.classList.remove("drop");
      if (!dragged) return;
      var form = dragged.querySelector("form.move");
      if (!form) return;
      form.elements.day.value = cell.getAttribute("data-day");
      form.elements.room.value = cell.getAttribute("data-room");
      // A session not yet placed has no start: the person types it, then sends the form themselves.
      if (!form.elements.start.value) { form.elements.start.focus(); return; }
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });
})();
