// Draws a Chart.js line chart per theme over the server-side SVG, which stays as the
// no-JavaScript chart. Each series brings the colour, line style and marker of the SVG
// (followup/charts.py, docs/vocabulary.md); the list is only a fallback.
(function () {
  "use strict";
  var styles = [
    { color: "#1f5f8b", dash: [], point: "circle" },
    { color: "#b35c00", dash: [8, 5], point: "rect" }
  ];
  document.querySelectorAll("[data-trend]").forEach(function (box) {
    var source = document.getElementById(box.dataset.trend);
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var theme = data.themes[Number(box.dataset.themeIndex)];
    if (!theme) { return; }
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", box.dataset.label || "");
    var holder = document.createElement("div");
    holder.className = "trend-box";
    holder.appendChild(canvas);
    box.appendChild(holder);
    box.trendChart = new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: theme.series.map(function (set, i) {
          var s = set.style || styles[i % styles.length];
          return {
            label: set.label, data: set.data, borderColor: s.color, borderDash: s.dash,
            backgroundColor: s.color, pointStyle: s.point, pointRadius: 4, borderWidth: 2.5,
            spanGaps: false, tension: 0, clip: 6  // points on 0 or 5 stay whole
          };
        })
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min: 0, max: data.max, ticks: { stepSize: 1 } } },
        plugins: { legend: { display: theme.series.length > 1, labels: { usePointStyle: true } } }
      }
    });
    var fallback = box.querySelector(".trend-svg-fallback");
    if (fallback) { fallback.hidden = true; }
  });
})();
