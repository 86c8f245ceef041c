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

  // A builder returns EMPTY when it has nothing to draw: an empty chart would show only its legend.
  var EMPTY = { empty: true };

  function showEmpty(el) {
    var old = window.echarts.getInstanceByDom(el);
    if (old) old.dispose();
    var note = document.createElement("p");
    note.className = "empty";
    note.textContent = "暂无数据";
    el.replaceChildren(note);
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
      if (!rows.length) return EMPTY;
      var names = rows.map(function (r) { return r.name; });
      return {
        option: bars(names, [["走访", rows.map(function (r) { return r.visits; })],
          ["线索", rows.map(function (r) { return r.leads; })], ["项目", rows.map(function (r) { return r.projects; })]], true),
        click: function (p) { go(rows[p.dataIndex].url); }
      };
    },
    chains: function (d) {
      var rows = d.chains;
      if (!rows.length) return EMPTY;
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
      if (!rows.length) return EMPTY;
      return {
        option: bars(rows.map(function (r) { return r.unit; }), [["项目", rows.map(function (r) { return r.projects; })],
          ["线索", rows.map(function (r) { return r.leads; })]], true),
        click: function () { go(d.links.cadres); }
      };
    },
    flows: function (d) {
      var f = d.flows;
      var drawn = f.lines.filter(function (l) { return l.from && l.to; });
      var most = Math.max.apply(null, [1].concat(drawn.map(function (l) { return l.cadres; })));
      var points = f.places.map(function (p) {
        return { name: p.name, role: p.role, cadres: p.cadres, value: p.coord.concat([p.cadres]),
          itemStyle: { color: p.role === "home" ? COLOURS[1] : COLOURS[2] } };
      });
      return {
        option: {
          tooltip: {
            trigger: "item",
            formatter: function (p) {
              if (p.seriesType === "lines") return p.data.home + " → " + p.data.host + "：" + p.data.value + " 名干部";
              return p.name + "（" + (p.data.role === "home" ? "派出地" : "派驻地") + "）：" + p.data.cadres + " 名干部";
            }
          },
          geo: {
            map: "china", roam: true, zoom: 1.15, center: [112, 33],
            label: { show: false }, itemStyle: { areaColor: "#eef2f7", borderColor: "#9aa9bd" },
            emphasis: { label: { show: false }, itemStyle: { areaColor: "#dde6f2" } }
          },
          series: [
            { type: "lines", coordinateSystem: "geo", zlevel: 1,
              effect: { show: true, period: 5, trailLength: 0.15, symbol: "arrow", symbolSize: 7 },
              lineStyle: { color: COLOURS[2], opacity: 0.75, curveness: 0.2 },
              data: drawn.map(function (l) {
                return { coords: [l.from, l.to], value: l.cadres, home: l.home, host: l.host, url: l.url,
                  lineStyle: { width: 1 + 5 * l.cadres / most } };
              }) },
            { type: "effectScatter", coordinateSystem: "geo", zlevel: 2, rippleEffect: { brushType: "stroke" },
              symbolSize: function (v) { return 6 + 10 * v[2] / Math.max(most, v[2]); },
              label: { show: true, position: "right", formatter: "{b}", fontSize: 12 },
              data: points }
          ]
        },
        click: function (p) { if (p.seriesType === "lines") go(p.data.url); }
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

  function draw(el, data) {
    var build = BUILDERS[el.getAttribute("data-dash")];
    if (!build) return;
    var spec = build(data);
    if (spec.empty) { showEmpty(el); return; }
    if (el.querySelector(".empty")) el.replaceChildren();
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(spec.option, true);
    chart.off("click");
    chart.on("click", spec.click);
  }

  // A chart on a map (data-geo: the GeoJSON we serve) is drawn once the map is registered.
  function drawOnMap(el, data) {
    if (window.echarts.getMap("china")) { draw(el, data); return; }
    fetch(el.getAttribute("data-geo"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (geo) { window.echarts.registerMap("china", geo); draw(el, data); })
      .catch(function () { el.textContent = "地图数据加载失败，请刷新页面重试。"; el.classList.add("chart-failed"); });
  }

  function drawAll() {
    var data = readData();
    if (!data || !window.echarts) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-dash]"), function (el) {
      if (el.hasAttribute("data-geo")) drawOnMap(el, data); else draw(el, data);
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
