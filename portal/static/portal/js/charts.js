/*
 * Draws every chart of the page: <div class="chart__plot" data-figure-id="ID"> with the figure
 * JSON in <script type="application/json" id="ID"> (Django's json_script). No inline script,
 * so the page keeps a strict Content-Security-Policy. Labels follow the page language; colours
 * follow the light or dark theme.
 */
(function () {
    "use strict";
    function draw(target) {
        var source = document.getElementById(target.getAttribute("data-figure-id"));
        if (!source || !window.Plotly) return;
        var figure = JSON.parse(source.textContent);
        var style = getComputedStyle(document.body);
        var layout = figure.layout || {};
        layout.paper_bgcolor = "rgba(0,0,0,0)";
        layout.plot_bgcolor = "rgba(0,0,0,0)";
        layout.font = Object.assign({}, layout.font, { color: style.color });
        layout.autosize = true;
        var zh = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
        window.Plotly.newPlot(target, figure.data || [], layout, {
            responsive: true,
            displaylogo: false,
            displayModeBar: false,
            locale: zh ? "zh-CN" : "en",
        }).then(function () { target.setAttribute("data-rendered", "true"); });
    }
    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll(".chart__plot[data-figure-id]"), draw);
    });
})();
