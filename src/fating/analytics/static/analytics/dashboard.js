/* One-screen dashboard map: townships shaded by 万人成讼率 or open warnings; points by activity. */
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("dashboard-map");
    var dataEl = document.getElementById("dashboard-map-data");
    if (!el || !dataEl || !window.echarts) { return; }
    var data = JSON.parse(dataEl.textContent);
    var chart = window.echarts.init(el);
    window.echarts.registerMap("county-dash", data.geojson);
    var select = document.getElementById("map-shade");
    function draw() {
      var key = select ? select.value : "litigation_rate";
      var values = data.townships.map(function (t) { return { name: t.name, value: t[key] || 0, id: t.id, population: t.population, year: t.population_year }; });
      var max = Math.max.apply(null, values.map(function (v) { return v.value; }).concat([1]));
      var pmax = Math.max.apply(null, data.points.map(function (p) { return p.value[2]; }).concat([1]));
      chart.setOption({
        tooltip: { trigger: "item", formatter: function (p) {
          if (p.seriesType === "scatter") { return p.data.name + "：活跃度 " + p.data.value[2]; }
          var d = p.data || {}; return p.name + "：" + (d.value || 0) + (key === "litigation_rate" && d.population ? "<br>人口 " + d.population + "（" + d.year + "）" : "");
        } },
        visualMap: [{ seriesIndex: 0, min: 0, max: max, left: 0, bottom: 10, text: [key === "litigation_rate" ? "万人成讼率 高" : "预警 多", "低"], inRange: { color: ["#eef2f6", "#b42318"] }, calculable: true },
                    { seriesIndex: 1, min: 0, max: pmax, show: false, inRange: { color: ["#9aa5b1", "#2f855a"] } }],
        geo: { map: "county-dash", roam: true, label: { show: true, fontSize: 10 } },
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
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-ready", "true");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
