// The exercises' projector pages: reload every few seconds so what the phones add appears on
// the wall, with a button that pauses it (WCAG 2.2.1: a timing people can turn off). The pause
// lasts for the tab (sessionStorage). Without JavaScript the page has a « mettre à jour » link.
(function () {
  "use strict";
  var box = document.getElementById("projection-refresh");
  var button = document.getElementById("projection-pause");
  if (!box || !button) return;
  var key = "qvt.projection.paused";
  var seconds = parseInt(box.dataset.seconds, 10) || 20;
  var timer = null;

  function paused() {
    try { return window.sessionStorage.getItem(key) === "1"; } catch (e) { return false; }
  }
  function remember(value) {
    try { window.sessionStorage.setItem(key, value ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function schedule() {
    window.clearTimeout(timer);
    if (!paused()) {
      timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
    }
    button.setAttribute("aria-pressed", paused() ? "true" : "false");  // « en pause » pressed
  }
  button.addEventListener("click", function () { remember(!paused()); schedule(); });
  box.hidden = false;
  schedule();
})();
