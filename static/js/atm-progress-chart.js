// The dashboard's ATM progress chart (templates/reports/plan/_progress_chart.html):
// one horizontal bar per topic, stacked by stage (planned → approved → in
// progress → adopted). The numbers come from the json_script element
// #atm-progress-data, the stage colours from portal.css (--atm-stage-*); the
// table under the chart says the same without JavaScript. Once drawn, the
// canvas carries data-ready="true".
document.addEventListener("DOMContentLoaded", () => {
  const canvas = document.getElementById("atm-progress-chart");
  const source = document.getElementById("atm-progress-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const style = getComputedStyle(canvas);
  const colour = (key) => style.getPropertyValue(`--atm-stage-${key}`).trim() || "#6c757d";
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // A bar per topic: the box grows with the number of topics.
  canvas.parentElement.style.height = `${Math.max(11, 2.25 * data.labels.length + 7)}rem`;

  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.stages.map((stage) => ({
        label: stage.label,
        data: stage.counts,
        backgroundColor: colour(stage.key),
        borderColor: "#fff",
        borderWidth: 1,
        maxBarThickness: 28,
      })),
    },
    options: {
      indexAxis: "y",
      maintainAspectRatio: false,
      animation: still ? false : { onComplete: () => { canvas.dataset.ready = "true"; } },
      scales: {
        x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: data.axis } },
        y: { stacked: true },
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 14 } },
        tooltip: {
          callbacks: {
            title: (items) => `${data.labels[items[0].dataIndex]}: ${data.names[items[0].dataIndex]}`,
          },
        },
      },
    },
  });
  if (still) canvas.dataset.ready = "true";
});
