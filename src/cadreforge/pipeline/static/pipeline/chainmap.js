// The chain map: an ECharts tree of clusters → chains → links; links without a local enterprise in red.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("chain-chart");
    var source = box && document.getElementById(box.dataset.source);
    if (!box || !source || !window.echarts) return;
    var tree = JSON.parse(source.textContent);
    (function mark(node) {
      if (node.gap) node.itemStyle = { color: "#c0392b", borderColor: "#c0392b" };
      if (node.gap) node.label = { color: "#c0392b" };
      (node.children || []).forEach(mark);
    })(tree);
    var chart = window.echarts.init(box);
    chart.setOption({
      tooltip: { trigger: "item" },
      series: [{
        type: "tree", data: [tree], top: "2%", left: "12%", bottom: "2%", right: "22%",
        initialTreeDepth: 3, symbolSize: 9, expandAndCollapse: true,
        label: { position: "left", verticalAlign: "middle", align: "right", fontSize: 12 },
        leaves: { label: { position: "right", align: "left" } }
      }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
