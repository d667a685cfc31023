// « L'atelier »: a « Plein écran » button where the Fullscreen API exists, and one key per
// control (O / ? / N press the team's answer buttons, ← → follow the previous / next links).
// Without JavaScript the same buttons and links work; this only saves the mouse.
(function () {
  "use strict";
  function fullButton() { return document.querySelector("[data-fullscreen]"); }
  function bindFullscreen() {
    var full = fullButton();
    if (!full || !document.fullscreenEnabled) { return; }
    full.hidden = false;
    full.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
    full.addEventListener("click", function () {
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { document.documentElement.requestFullscreen(); }
    });
  }
  document.addEventListener("fullscreenchange", function () {
    var full = fullButton();
    if (full) { full.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false"); }
  });
  bindFullscreen();

  // Full screen ends with the document: while it is on, the atelier's links and forms fetch
  // the next screen and swap its header and main in place (with the history), so that moving
  // on keeps the projector full screen. Anything unexpected falls back to a plain navigation.
  var LIBRARIES = /\/(meeting\.js|chart\.umd\.min\.js)$/;
  var pushed = false;
  function swap(html, url, push) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var header = next.querySelector(".meeting-header"), main = next.querySelector("main");
    if (!header || !main) { return false; }
    document.querySelector(".meeting-header").replaceWith(document.adoptNode(header));
    document.querySelector("main").replaceWith(document.adoptNode(main));
    document.title = next.title;
    if (push) { window.history.pushState(null, "", url); pushed = true; }
    bindFullscreen();
    // The screen's own scripts (the radar, the vote panel) run again on the new content.
    next.querySelectorAll("script[src]").forEach(function (old) {
      if (LIBRARIES.test(old.getAttribute("src"))) { return; }
      var script = document.createElement("script");
      script.src = old.getAttribute("src");
      document.body.appendChild(script);
    });
    var focus = document.querySelector("main");
    if (focus) { focus.focus({ preventScroll: true }); }
    return true;
  }
  function visit(url, options, fallback) {
    window.fetch(url, Object.assign({ credentials: "same-origin" }, options || {}))
      .then(function (response) {
        return response.text().then(function (html) {
          if (!swap(html, response.url, response.url !== window.location.href)) {
            window.location.href = response.url;
          }
        });
      })
      .catch(fallback);
  }
  function swapping() { return Boolean(document.fullscreenElement && window.fetch); }
  function inAtelier(url) {
    return url.origin === window.location.origin && /\/atelier\//.test(url.pathname);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !swapping() || event.defaultPrevented || event.button !== 0) { return; }
    var url = new URL(link.href, window.location.href);
    if (!inAtelier(url) || (url.pathname === window.location.pathname && url.hash)) { return; }
    event.preventDefault();
    visit(url.href, null, function () { window.location.href = url.href; });
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!swapping() || event.defaultPrevented || form.dataset.plain) { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    visit(form.action, { method: "POST", body: new FormData(form, submitter) }, function () {
      form.dataset.plain = "1";  // the network failed before anything was sent: try for real
      form.requestSubmit(submitter);
    });
  });
  window.addEventListener("popstate", function () {
    if (!pushed) { return; }  // a hash (the skip link), not a screen this script swapped in
    if (swapping()) { visit(window.location.href, null, function () { window.location.reload(); }); }
    else { window.location.reload(); }
  });

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
