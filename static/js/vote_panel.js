// The projector's vote panel: while a vote is open, every 2 s it asks how many have voted and
// updates the count in place (a reload would lose a note being typed). It never receives
// totals: those come with the page, once revealed. Without JavaScript, a reload shows the count.
(function () {
  "use strict";
  var panel = document.getElementById("vote-panel");
  if (!panel || !window.fetch || panel.dataset.bound) return;
  panel.dataset.bound = "1";
  var count = document.getElementById("vote-count-number");
  var shown = panel.dataset.vote || "";
  var open = panel.dataset.open === "1";
  function poll() {
    fetch(panel.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && (String(data.vote || "") !== shown || data.open !== open)) {
          window.location.reload();
          return;
        }
        if (data && count) count.textContent = String(data.voters);
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  if (open) window.setTimeout(poll, 2000);
})();
