// Draws the report page's charts with Chart.js from the data on each canvas
// (data-chart: type, labels, datasets). Without JavaScript the tables beside them
// hold the same figures.
/* global document, Chart */
for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
  const spec = JSON.parse(canvas.dataset.chart);
  new Chart(canvas, {
    type: spec.type,
    data: { labels: spec.labels, datasets: spec.datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: spec.type === 'doughnut' || spec.datasets.length > 1 } },
      scales: spec.type === 'doughnut' ? {} : { y: { beginAtZero: true, ...(spec.percent ? { max: 100 } : {}) } },
    },
  });
}
