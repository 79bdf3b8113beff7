/* One-screen dashboard: the map (townships shaded by 万人成讼率 or open warnings; points by
   activity) and four charts read from the charts API. A static file, so the page carries no
   inline script (CSP). Each chart replaces its no-JavaScript table only once it has drawn. */
(function () {
  "use strict";
  var FONT = 14; // no text under 14 px, on the canvas too
  var TEXT = { fontSize: FONT, color: "#1f2933" };
  var AXIS = { axisLabel: { fontSize: FONT, color: "#616e7c" } };
  var charts = [];

  function initMap() {
    var el = document.getElementById("dashboard-map");
    var dataEl = document.getElementById("dashboard-map-data");
    if (!el || !dataEl) { return; }
    var data = JSON.parse(dataEl.textContent);
    var chart = window.echarts.init(el);
    charts.push(chart);
    window.echarts.registerMap("county-dash", data.geojson);
    var select = document.getElementById("map-shade");
    function draw() {
      var key = select ? select.value : "litigation_rate";
      var values = data.townships.map(function (t) { return { name: t.name, value: t[key] || 0, id: t.id, population: t.population, year: t.population_year }; });
      var max = Math.max.apply(null, values.map(function (v) { return v.value; }).concat([1]));
      var pmax = Math.max.apply(null, data.points.map(function (p) { return p.value[2]; }).concat([1]));
      chart.setOption({
        textStyle: TEXT,
        tooltip: { trigger: "item", textStyle: TEXT, formatter: function (p) {
          if (p.seriesType === "scatter") { return p.data.name + "：活跃度 " + p.data.value[2]; }
          var d = p.data || {}; return p.name + "：" + (d.value || 0) + (key === "litigation_rate" && d.population ? "<br>人口 " + d.population + "（" + d.year + "）" : "");
        } },
        visualMap: [{ seriesIndex: 0, min: 0, max: max, left: 0, bottom: 10, textStyle: TEXT, text: [key === "litigation_rate" ? "万人成讼率 高" : "预警 多", "低"], inRange: { color: ["#eef2f6", "#b42318"] }, calculable: true },
                    { seriesIndex: 1, min: 0, max: pmax, show: false, inRange: { color: ["#9aa5b1", "#2f855a"] } }],
        geo: { map: "county-dash", roam: true, label: { show: true, fontSize: FONT } },
        series: [
          { type: "map", geoIndex: 0, data: values },
          { type: "scatter", coordinateSystem: "geo", symbolSize: function (v) { return 6 + 10 * v[2] / pmax; }, data: data.points }
        ]
      }, true);
    }
    draw();
    if (select) { select.addEventListener("change", draw); }
    chart.on("click", function (p) {
      if (p.seriesType === "scatter" && p.data) { window.location.search = "?point=" + p.data.id; }
      else if (p.data && p.data.id) { window.location.search = "?area=" + p.data.id; }
    });
    el.setAttribute("data-ready", "true");
  }

  function grid(extra) {
    var g = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
    for (var k in extra) { if (Object.prototype.hasOwnProperty.call(extra, k)) { g[k] = extra[k]; } }
    return g;
  }

  function options(name, data) {
    var L = data.labels;
    if (name === "trend") {
      var t = data.trend;
      return {
        textStyle: TEXT, tooltip: { trigger: "axis", textStyle: TEXT },
        legend: { top: 0, textStyle: TEXT, data: [L.reported, L.resolved, L.filed] },
        grid: grid({}),
        xAxis: { type: "category", data: t.months.map(function (m) { return m.slice(2); }), axisLabel: AXIS.axisLabel },
        yAxis: { type: "value", minInterval: 1, axisLabel: AXIS.axisLabel },
        series: [
          { name: L.reported, type: "line", data: t.reported, color: "#2b6cb0" },
          { name: L.resolved, type: "line", data: t.resolved, color: "#2f855a" },
          { name: L.filed, type: "bar", data: t.filed, color: "#b42318", barMaxWidth: 14 }
        ]
      };
    }
    if (name === "funnel") {
      var stages = data.funnel;
      return {
        textStyle: TEXT, tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, textStyle: TEXT },
        grid: grid({ top: 8, right: 40 }),
        xAxis: { type: "value", minInterval: 1, axisLabel: AXIS.axisLabel },
        yAxis: { type: "category", inverse: true, data: stages.map(function (s) { return s.label; }), axisLabel: { fontSize: FONT, color: "#616e7c", interval: 0 } },
        // A count hidden from governance officers (fewer than 5 people) is a labelled empty bar.
        series: [{ type: "bar", color: "#b42318", barMaxWidth: 22,
                   data: stages.map(function (s) { return s.value === null ? { value: 0, hidden: true } : s.value; }),
                   label: { show: true, position: "right", fontSize: FONT, formatter: function (p) { return p.data && p.data.hidden ? L.hidden : p.value; } } }]
      };
    }
    if (name === "causes") {
      return {
        textStyle: TEXT, tooltip: { trigger: "item", textStyle: TEXT, formatter: "{b}：{c}（{d}%）" },
        series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "55%"], minShowLabelAngle: 6,
                   label: { fontSize: FONT, formatter: "{b}\n{c}" },
                   data: data.causes.map(function (c) { return { name: c.name, value: c.value }; }) }]
      };
    }
    var points = data.points;
    return {
      textStyle: TEXT, tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, textStyle: TEXT },
      legend: { top: 0, textStyle: TEXT, data: [L.reports, L.filings_assisted, L.consultations] },
      grid: grid({}),
      xAxis: { type: "value", minInterval: 1, axisLabel: AXIS.axisLabel },
      yAxis: { type: "category", inverse: true, data: points.map(function (p) { return p.name.length > 9 ? p.name.slice(0, 9) + "…" : p.name; }), axisLabel: { fontSize: FONT, color: "#616e7c", interval: 0 } },
      series: [
        { name: L.reports, type: "bar", stack: "u", barMaxWidth: 22, data: points.map(function (p) { return p.reports; }), color: "#2b6cb0" },
        { name: L.filings_assisted, type: "bar", stack: "u", data: points.map(function (p) { return p.filings_assisted; }), color: "#b42318" },
        { name: L.consultations, type: "bar", stack: "u", data: points.map(function (p) { return p.consultations; }), color: "#b7791f" }
      ]
    };
  }

  function drawCharts(data) {
    ["trend", "funnel", "causes", "points"].forEach(function (name) {
      var el = document.getElementById("chart-" + name);
      if (!el) { return; }
      var fallback = el.parentNode.querySelector(".chart-fallback");
      el.hidden = false;
      var chart = window.echarts.init(el);
      chart.setOption(options(name, data));
      charts.push(chart);
      if (fallback) { fallback.hidden = true; }
      el.setAttribute("data-ready", "true");
    });
  }

  function init() {
    if (!window.echarts) { return; }
    initMap();
    var main = document.getElementById("dashboard-main");
    var url = main && main.getAttribute("data-charts-url");
    if (url) {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(drawCharts)
        .catch(function () { /* the tables stay: they hold the same figures */ });
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
