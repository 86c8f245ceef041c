/* The digital dashboard: draws every [data-dash] chart from the json_script "dashboard-data"; a click on a
   chart opens the records behind it; the 大屏模式 button toggles the .wall class. No inline scripts. */
(function () {
  "use strict";

  var STAGES = [["inspection", "考察"], ["intent", "意向"], ["signed", "签约"], ["started", "开工"], ["landed", "投产"]];
  var COLOURS = ["#1d4f91", "#c58a1b", "#c0392b", "#3a6fb0", "#8e1414", "#2e7d32"];

  function readData() {
    var node = document.getElementById("dashboard-data");
    return node ? JSON.parse(node.textContent) : null;
  }

  function go(url) { if (url) window.location.href = url; }

  function monthEnd(month) {
    var parts = month.split("-");
    var last = new Date(Number(parts[0]), Number(parts[1]), 0).getDate();
    return month + "-" + (last < 10 ? "0" : "") + last;
  }

  function withQuery(url, extra) { return url + (url.indexOf("?") >= 0 ? "&" : "?") + extra; }

  function bars(names, series, horizontal) {
    var cat = { type: "category", data: names, axisLabel: { interval: 0, width: 90, overflow: "truncate" } };
    var val = { type: "value", minInterval: 1 };
    return {
      color: COLOURS, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
      series: series.map(function (s) { return { type: "bar", name: s[0], data: s[1] }; })
    };
  }

  var BUILDERS = {
    funnel: function (d) {
      var data = STAGES.map(function (s) { return { name: s[1], value: d.funnel.reached[s[0]] }; });
      return {
        option: {
          color: COLOURS, tooltip: { trigger: "item", formatter: "{b}：{c}个" },
          series: [{ type: "funnel", sort: "none", top: 10, bottom: 10, minSize: "8%", gap: 2,
            label: { show: true, position: "inside", formatter: "{b} {c}", color: "#fff" }, data: data }]
        },
        click: function () { go(d.links.funnel); }
      };
    },
    trends: function (d) {
      var t = d.trends;
      var opt = bars(t.months, [["走访", t.visits], ["线索", t.leads], ["项目", t.projects]], false);
      opt.series.forEach(function (s) { s.type = "line"; s.smooth = true; });
      return {
        option: opt,
        click: function (p) {
          var m = t.months[p.dataIndex];
          var url = p.seriesName === "走访" ? d.links.visits : p.seriesName === "线索" ? d.links.leads : d.links.projects;
          go(p.seriesName === "走访" ? withQuery(url, "date_from=" + m + "-01&date_to=" + monthEnd(m)) : url);
        }
      };
    },
    leaders: function (d) {
      var rows = d.leaderboard.slice().reverse();
      var names = rows.map(function (r) { return r.name; });
      return {
        option: bars(names, [["走访", rows.map(function (r) { return r.visits; })],
          ["线索", rows.map(function (r) { return r.leads; })], ["项目", rows.map(function (r) { return r.projects; })]], true),
        click: function (p) { go(rows[p.dataIndex].url); }
      };
    },
    chains: function (d) {
      var rows = d.chains;
      return {
        option: bars(rows.map(function (r) { return r.chain; }), [["岗位", rows.map(function (r) { return r.posts; })],
          ["项目", rows.map(function (r) { return r.projects; })]], false),
        click: function () { go(d.links.posts); }
      };
    },
    brackets: function (d) {
      var rows = d.brackets;
      return {
        option: bars(rows.map(function (r) { return r.label; }), [["签约项目（个）", rows.map(function (r) { return r.projects; })]], false),
        click: function () { go(d.links.signed_projects); }
      };
    },
    units: function (d) {
      var rows = d.units.slice(0, 10).reverse();
      return {
        option: bars(rows.map(function (r) { return r.unit; }), [["项目", rows.map(function (r) { return r.projects; })],
          ["线索", rows.map(function (r) { return r.leads; })]], true),
        click: function () { go(d.links.cadres); }
      };
    },
    programs: function (d) {
      var rows = d.programs;
      return {
        option: bars(rows.map(function (r) { return r.name; }), [["走访", rows.map(function (r) { return r.visits; })],
          ["线索", rows.map(function (r) { return r.leads; })], ["项目", rows.map(function (r) { return r.projects; })]], false),
        click: function (p) { go(rows[p.dataIndex].url); }
      };
    }
  };

  function drawAll() {
    var data = readData();
    if (!data || !window.echarts) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-dash]"), function (el) {
      var build = BUILDERS[el.getAttribute("data-dash")];
      if (!build) return;
      var spec = build(data);
      var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(spec.option, true);
      chart.off("click");
      chart.on("click", spec.click);
    });
  }

  function resizeAll() {
    if (!window.echarts) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-dash]"), function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawAll();
    var button = document.querySelector("[data-toggle-wall]");
    var board = document.getElementById("dashboard");
    if (button && board) {
      button.addEventListener("click", function () {
        var on = board.classList.toggle("wall");
        button.textContent = on ? "退出大屏" : "大屏模式";
        if (on && document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(function () {});
        if (!on && document.fullscreenElement && document.exitFullscreen) document.exitFullscreen();
        window.setTimeout(resizeAll, 50);
      });
    }
  });
  window.addEventListener("resize", resizeAll);
})();
