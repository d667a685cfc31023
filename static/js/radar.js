// Draws the Chart.js radar over the server-side SVG, which stays as the no-JavaScript chart.
(function () {
  "use strict";
  // Chart.js draws an array label on several lines: long theme names must not be cut.
  function wrap(text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  // Chart.js draws the scale (rings and their 1…5 labels) under the datasets, so a point at a
  // whole score sat on its ring's number. The numbers are drawn again once the datasets are
  // drawn, on a light backdrop: a point never hides a label (its value is in the table).
  var ticksOnTop = {
    id: "ticksOnTop",
    afterDatasetsDraw: function (chart) {
      var scale = chart.scales.r;
      if (scale && scale.options.ticks.display) { scale.drawLabels(); }
    }
  };
  document.querySelectorAll("[data-radar]").forEach(function (box) {
    var source = document.getElementById(box.dataset.radar);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var narrow = box.clientWidth < 480;
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", box.dataset.label || "");
    var holder = document.createElement("div");
    holder.className = "radar-box";
    holder.appendChild(canvas);
    box.appendChild(holder);
    // Each dataset brings its style (diagnostics/radar.py, docs/vocabulary.md): one look per
    // meaning, the same as the SVG. The list is only a fallback for a dataset without one.
    var styles = [
      { color: "#1f5f8b", dash: [], point: "circle" },
      { color: "#b35c00", dash: [8, 5], point: "rect" }
    ];
    var chart = new Chart(canvas, {
      type: "radar",
      data: {
        // On a phone (a box under 480 px) shorter lines and a smaller font keep the side
        // labels inside the canvas and the chart itself large enough to read.
        labels: data.labels.map(function (label) { return wrap(label, narrow ? 12 : 22); }),
        datasets: data.datasets.map(function (set, i) {
          var s = set.style || styles[i % styles.length];
          return {
            label: set.label, data: set.data, borderColor: s.color, borderDash: s.dash,
            backgroundColor: s.color + "22", pointStyle: s.point, pointRadius: 3.5,
            pointBackgroundColor: s.color, borderWidth: 2.5
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { r: { min: 0, max: data.max,
                       ticks: { stepSize: 1, showLabelBackdrop: true, backdropPadding: 2,
                                backdropColor: "rgba(255, 255, 255, 0.85)", color: "#495057" },
                       // A projector page asks for larger theme names (data-label-size).
                       pointLabels: { font: { size: Number(box.dataset.labelSize) || (narrow ? 11 : 12) } } } },
        plugins: { legend: { display: data.datasets.length > 1, labels: { usePointStyle: true } } }
      },
      plugins: [ticksOnTop]
    });
    box.radarChart = chart;
    var fallback = box.querySelector(".radar-svg-fallback");
    if (fallback) { fallback.hidden = true; }
  });
})();
