// The voting pad follows the meeting: every 2 s it asks which vote is open and reloads when
// that changes (a vote opened or closed). Without JavaScript, reloading the page does the same.
(function () {
  "use strict";
  var pad = document.getElementById("vote-pad");
  if (!pad || !window.fetch) return;
  var shown = pad.dataset.vote || "";
  function poll() {
    fetch(pad.dataset.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && String(data.vote || "") !== shown) {
          window.location.reload();
          return;
        }
        window.setTimeout(poll, 2000);
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  window.setTimeout(poll, 2000);
})();
