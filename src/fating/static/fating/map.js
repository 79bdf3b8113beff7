/* Network map: county and township outlines with service points coloured by kind (ECharts). */
(function () {
  "use strict";
  var COLOURS = {
    governance_centre: "#b42318", village: "#2f855a", enterprise: "#2b6cb0",
    industrial_park: "#6b46c1", judge_studio: "#c05621", litigation_service: "#0f766e",
    circuit_court: "#975a16"
  };
  function init() {
    var el = document.getElementById("network-map");
    var dataEl = document.getElementById("map-data");
    if (!el || !dataEl || !window.echarts) { return; }
    var data = JSON.parse(dataEl.textContent);
    var chart = window.echarts.init(el);
    window.echarts.registerMap("county", data.geojson);
    var series = data.kinds.map(function (kind) {
      return {
        name: kind.label, type: "scatter", coordinateSystem: "geo", symbolSize: 12,
        itemStyle: { color: COLOURS[kind.value] || "#444", borderColor: "#fff", borderWidth: 1 },
        data: data.points.filter(function (p) { return p.kind === kind.value; })
      };
    }).filter(function (s) { return s.data.length > 0; });
    chart.setOption({
      tooltip: { trigger: "item", formatter: function (p) {
        return p.data && p.data.tribunal ? p.data.name + "<br>" + p.data.kind_label + " · " + p.data.tribunal : p.name;
      } },
      legend: { bottom: 0, type: "scroll" },
      geo: {
        map: "county", roam: true, label: { show: true, fontSize: 10, color: "#52606d" },
        itemStyle: { areaColor: "#eef2f6", borderColor: "#9aa5b1" },
        emphasis: { itemStyle: { areaColor: "#fde8e7" } }
      },
      series: series
    });
    chart.on("click", function (p) { if (p.data && p.data.id) { window.location.href = "/network/points/" + p.data.id + "/"; } });
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-ready", "true");
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
