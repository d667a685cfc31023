// « L'atelier »: a « Plein écran » button where the Fullscreen API exists, and one key per
// control (O / ? / N press the team's answer buttons, ← → follow the previous / next links).
// Without JavaScript the same buttons and links work; this only saves the mouse.
(function () {
  "use strict";
  var full = document.querySelector("[data-fullscreen]");
  if (full && document.fullscreenEnabled) {
    full.hidden = false;
    full.addEventListener("click", function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { document.documentElement.requestFullscreen(); }
    });
    document.addEventListener("fullscreenchange", function () {
      full.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
    });
  }
  var arrows = { ArrowLeft: "a[rel~='prev']", ArrowRight: "a[rel~='next']" };
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    var where = event.target;
    // Typing a note (or in any field) must never record an answer or leave the page.
    if (where.closest && where.closest("input, textarea, select, [contenteditable]")) { return; }
    var target = null;
    if (arrows[event.key]) {
      target = document.querySelector(arrows[event.key]);
    } else if (event.key.length === 1) {
      var key = event.key.toLowerCase();
      document.querySelectorAll("[data-key]").forEach(function (control) {
        // data-key lists its keys: "o y" is Oui in French and Yes in English.
        if (control.dataset.key.split(" ").indexOf(key) !== -1) { target = control; }
      });
    }
    if (target) {
      event.preventDefault();
      target.click();
    }
  });
})();
