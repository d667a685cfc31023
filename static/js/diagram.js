// FICHE 2's diagram: drag a card onto a quadrant. The drop only fills the card's own
// « Placer dans… » (or « Cible… ») form and sends it, so the server does every move exactly
// as without JavaScript, and the keyboard uses the same forms.
(function () {
  "use strict";
  var board = document.getElementById("diagramme");
  if (!board || !board.classList.contains("editable")) return;
  var layerBox = document.querySelector(".diagram-layer");
  if (layerBox) layerBox.hidden = false;

  function layer() {
    var checked = document.querySelector('input[name="diagram-layer"]:checked');
    return checked ? checked.value : "place";
  }

  board.querySelectorAll(".info-card[draggable]").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", card.dataset.card);
      event.dataTransfer.effectAllowed = "move";
      card.classList.add("dragging");
    });
    card.addEventListener("dragend", function () { card.classList.remove("dragging"); });
  });

  board.querySelectorAll(".quadrant").forEach(function (quadrant) {
    quadrant.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      quadrant.classList.add("drop-over");
    });
    quadrant.addEventListener("dragleave", function () { quadrant.classList.remove("drop-over"); });
    quadrant.addEventListener("drop", function (event) {
      event.preventDefault();
      quadrant.classList.remove("drop-over");
      var id = event.dataTransfer.getData("text/plain");
      var card = document.getElementById("carte-" + id);
      if (!card) return;
      var form = card.querySelector('form.place-form[data-layer="' + layer() + '"]');
      if (!form) return;
      form.querySelector("select").value = quadrant.dataset.quadrant;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });
})();
