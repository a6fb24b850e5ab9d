/* Draws the report's bar charts with the vendored Chart.js. Every chart has a table with
   the same values right below it; a hidden value ("< 5") is a gap with its text in the
   tooltip. */
(function () {
  "use strict";
  var FARBEN = ["#8aa6c1", "#0b5ed7"];

  function zeichnen(leinwand) {
    var quelle = document.getElementById(leinwand.dataset.diagramm);
    if (!quelle || !window.Chart) { return; }
    // 32 px a bar; set here rather than in a style attribute, which the CSP refuses
    var rahmen = leinwand.parentElement;
    rahmen.style.height = rahmen.dataset.hoehe + "px";
    var daten = JSON.parse(quelle.textContent);
    var reihen = daten.reihen;
    new window.Chart(leinwand, {
      type: "bar",
      data: {
        labels: daten.beschriftungen,
        datasets: reihen.map(function (reihe, index) {
          return {
            label: reihe.name,
            data: reihe.werte,
            backgroundColor: FARBEN[(index + 2 - reihen.length) % FARBEN.length]
          };
        })
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: reihen.length > 1 },
          tooltip: {
            callbacks: {
              label: function (kontext) {
                var reihe = reihen[kontext.datasetIndex];
                return reihe.name + ": " + reihe.texte[kontext.dataIndex];
              }
            }
          }
        },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-diagramm]").forEach(zeichnen);
  });
})();
