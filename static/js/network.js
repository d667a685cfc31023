// The network dashboard's charts (templates/networks/dashboard.html), drawn by Chart.js over the
// server SVGs, which stay as the no-JavaScript charts; the tables hold the same numbers.
// A box plot is drawn as overlapping floating bars (Chart.js has no box plot type): a thin bar
// from the minimum to the maximum, the box from Q1 to Q3, a narrow dark bar at the median.
(function () {
  "use strict";
  var TEAL = "#00707a";
  function wrap(text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  function canvasIn(box, className) {
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", box.dataset.label || "");
    var holder = document.createElement("div");
    holder.className = className;
    holder.appendChild(canvas);
    box.appendChild(holder);
    return canvas;
  }
  function read(id) {
    var source = document.getElementById(id);
    return source && typeof Chart !== "undefined" ? JSON.parse(source.textContent) : null;
  }
  document.querySelectorAll("[data-network-radar]").forEach(function (box) {
    var data = read(box.dataset.networkRadar);
    if (!data) { return; }
    var narrow = box.clientWidth < 480;
    box.networkChart = new Chart(canvasIn(box, "radar-box"), {
      type: "radar",
      data: {
        labels: data.labels.map(function (l) { return wrap(l, narrow ? 12 : 22); }),
        datasets: [
          // Q3 filled down to the next dataset (Q1): the band between them.
          { label: data.names.band, data: data.q3, fill: "+1", borderColor: TEAL, borderWidth: 1,
            borderDash: [2, 3], backgroundColor: TEAL + "40", pointRadius: 0 },
          { label: "Q1", data: data.q1, fill: false, borderColor: TEAL, borderWidth: 1,
            borderDash: [2, 3], pointRadius: 0 },
          { label: data.names.median, data: data.median, fill: false, borderColor: TEAL,
            borderWidth: 2.5, borderDash: [6, 3], pointStyle: "circle", pointRadius: 4,
            pointBackgroundColor: TEAL }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { r: { min: 0, max: data.max, ticks: { stepSize: 1, backdropColor: "transparent" },
                       pointLabels: { font: { size: narrow ? 11 : 12 } } } },
        plugins: { legend: { labels: { filter: function (item) { return item.text !== "Q1"; } } } }
      }
    });
    var fallback = box.querySelector(".radar-svg-fallback");
    if (fallback) { fallback.hidden = true; }
  });
  document.querySelectorAll("[data-network-boxplot]").forEach(function (box) {
    var data = read(box.dataset.networkBoxplot);
    if (!data) { return; }
    function pairs(low, high) { return low.map(function (v, i) { return [v, high[i]]; }); }
    var medians = data.median.map(function (m) { return [m - 0.03, m + 0.03]; });
    box.networkChart = new Chart(canvasIn(box, "boxplot-box"), {
      type: "bar",
      data: {
        labels: data.labels.map(function (l) { return wrap(l, 24); }),
        datasets: [
          { label: data.names.median, data: medians, backgroundColor: TEAL, barPercentage: 0.75 },
          { label: data.names.band, data: pairs(data.q1, data.q3), backgroundColor: TEAL + "40",
            borderColor: TEAL, borderWidth: 1.5, barPercentage: 0.6 },
          { label: data.names.range, data: pairs(data.min, data.maximum), backgroundColor: "#333",
            barPercentage: 0.06 }
        ]
      },
      options: {
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        grouped: false,
        datasets: { bar: { grouped: false, categoryPercentage: 1 } },
        scales: { x: { min: 0, max: data.max, ticks: { stepSize: 1 } } },
        plugins: {
          tooltip: { callbacks: { label: function (ctx) {
            var v = ctx.raw;
            return ctx.dataset.label + " : " + (ctx.datasetIndex === 0
              ? data.median[ctx.dataIndex] : v[0] + " – " + v[1]);
          } } }
        }
      }
    });
    var fallback = box.querySelector(".boxplot-svg-fallback");
    if (fallback) { fallback.hidden = true; }
  });
})();
