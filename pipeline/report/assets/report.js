// Interactivity of the claim report. Works only on nodes the page already holds: it clones
// endnotes into the dialog, toggles classes and sets textContent; it never parses markup.
(function () {
  "use strict";
  var dialog = document.getElementById("note-dialog");
  var dialogBody = dialog.querySelector(".dialog-body");
  var dialogTitle = document.getElementById("note-dialog-title");
  var opener = null;

  function words(value) { return (value || "").split(" ").filter(Boolean); }

  function noteCopy(id) {
    var note = document.getElementById(id);
    if (!note) { return null; }
    var copy = note.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    return copy;
  }

  function openNotes(button) {
    var list = document.createElement("ol");
    list.className = "notes";
    words(button.dataset.notes).forEach(function (id) {
      var copy = noteCopy(id);
      if (!copy) { return; }
      list.appendChild(copy);
      var refers = document.getElementById(id).dataset.refers;
      var target = refers && noteCopy(refers);
      if (target) { target.classList.add("ibid-target"); list.appendChild(target); }
    });
    words(button.dataset.missing).forEach(function (n) {
      var item = document.createElement("li");
      item.className = "note missing";
      item.textContent = "No endnote numbered " + n + " was found: this marker points to nothing.";
      list.appendChild(item);
    });
    dialogTitle.textContent = "Footnote " + button.textContent.trim();
    dialogBody.replaceChildren(list);
    opener = button;
    dialog.showModal();
  }

  document.querySelectorAll("article .marker").forEach(function (button) {
    button.addEventListener("click", function () { openNotes(button); });
  });
  dialog.querySelector(".close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) { dialog.close(); } });
  dialog.addEventListener("close", function () { if (opener) { opener.focus(); opener = null; } });

  var status = document.getElementById("entity-status");
  var selected = null;

  function select(button) {
    document.querySelectorAll(".ent.hit").forEach(function (el) { el.classList.remove("hit"); });
    document.querySelectorAll("button.entity[aria-pressed='true']").forEach(function (el) { el.setAttribute("aria-pressed", "false"); });
    if (selected === button) {
      selected = null;
      document.body.classList.remove("focus");
      status.textContent = "";
      return;
    }
    selected = button;
    button.setAttribute("aria-pressed", "true");
    var hits = document.querySelectorAll(".ent[data-entity='" + button.dataset.entity + "']");
    hits.forEach(function (el) { el.classList.add("hit"); });
    document.body.classList.add("focus");
    var name = button.querySelector(".name").textContent;
    status.textContent = hits.length + " mention" + (hits.length === 1 ? "" : "s") + " of " + name + " highlighted";
    if (hits.length) { hits[0].scrollIntoView({ block: "center" }); }
  }

  document.querySelectorAll("button.entity").forEach(function (button) {
    button.addEventListener("click", function () { select(button); });
  });

  var filter = document.getElementById("entity-filter");
  var boxes = document.querySelectorAll(".label-filter");

  function applyFilter() {
    var needle = filter.value.trim().toLowerCase();
    var shown = {};
    boxes.forEach(function (box) {
      shown[box.value] = box.checked;
      document.querySelectorAll(".ent.ent-" + box.value).forEach(function (el) { el.classList.toggle("off", !box.checked); });
    });
    document.querySelectorAll("#entity-list li").forEach(function (item) {
      var matches = !needle || item.textContent.toLowerCase().indexOf(needle) !== -1;
      item.hidden = !(matches && shown[item.dataset.label] !== false);
    });
  }

  filter.addEventListener("input", applyFilter);
  boxes.forEach(function (box) { box.addEventListener("change", applyFilter); });
})();
