/* CadreForge page behaviour. No inline scripts: data arrives through Django's json_script elements. */
(function () {
  "use strict";

  var FUNNEL_COLOURS = ["#1d4f91", "#3a6fb0", "#c58a1b", "#c0392b", "#8e1414"];

  function readData(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  function drawFunnel(el) {
    var data = readData(el.getAttribute("data-source"));
    if (!data) return;
    var old = window.echarts.getInstanceByDom(el);
    if (old) old.dispose();
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    var max = 0;
    data.stages.forEach(function (s) { if (s.value > max) max = s.value; });
    chart.setOption({
      color: FUNNEL_COLOURS,
      title: { text: data.title, left: "center", textStyle: { fontSize: 13, fontWeight: "normal" } },
      tooltip: { trigger: "item", formatter: "{b}：{c}个" },
      series: [{
        type: "funnel",
        top: 40, bottom: 10, left: "10%", width: "80%",
        min: 0, max: max || 1, minSize: "8%", sort: "none", gap: 2,
        label: { show: true, position: "inside", formatter: "{b} {c}", color: "#fff" },
        data: data.stages
      }]
    });
  }

  function drawCharts(root) {
    if (!window.echarts) return;
    var nodes = (root || document).querySelectorAll('[data-chart="funnel"]');
    Array.prototype.forEach.call(nodes, drawFunnel);
  }

  function resizeCharts() {
    if (!window.echarts) return;
    var nodes = document.querySelectorAll("[data-chart]");
    Array.prototype.forEach.call(nodes, function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  }

  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  // HTMX swapped a fragment (e.g. another batch's funnel): draw the charts inside it.
  document.addEventListener("htmx:afterSettle", function (evt) { drawCharts(evt.detail.elt); });
  document.addEventListener("htmx:historyRestore", function () { drawCharts(document); });
  window.addEventListener("resize", resizeCharts);
})();
