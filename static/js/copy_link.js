// « Copier le lien » on the session page: progressive enhancement. Without JavaScript, or
// where the Clipboard API is missing (plain http), the button stays hidden and the link is
// selectable text in its read-only field.
(function () {
  "use strict";
  var button = document.getElementById("copy-link");
  if (!button || !navigator.clipboard || !window.isSecureContext) return;
  var field = document.getElementById(button.dataset.copyFrom);
  var label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(
      function () {
        button.textContent = button.dataset.copied;
        window.setTimeout(function () { button.textContent = label; }, 2000);
      },
      function () { field.select(); }
    );
  });
})();
