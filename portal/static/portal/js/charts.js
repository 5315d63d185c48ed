/*
 * Draws every plotly chart of the page: <div class="chart__plot" data-figure-id="ID"> with the
 * figure JSON in <script type="application/json" id="ID"> (Django's json_script), and the light
 * and dark themes once in #chart-themes (portal/charts.py THEMES). No inline script, so the page
 * keeps a strict Content-Security-Policy. The theme follows prefers-color-scheme and is redrawn
 * when it changes; labels follow the page language; on a phone margins and fonts shrink.
 */
(function () {
    "use strict";
    var LIGHT_CURRENT = "#0072B2";
    var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

    function merge(target, source) {
        Object.keys(source).forEach(function (key) {
            var value = source[key];
            if (value && typeof value === "object" && !Array.isArray(value)) {
                target[key] = merge(Object.assign({}, target[key] || {}), value);
            } else {
                target[key] = value;
            }
        });
        return target;
    }

    function themes() {
        var source = document.getElementById("chart-themes");
        return source ? JSON.parse(source.textContent) : { light: {}, dark: {} };
    }

    function recolour(data, current) {
        // The latest value keeps its role: deep blue on light, sky blue on dark.
        return data.map(function (trace) {
            var copy = merge({}, trace);
            ["line", "marker"].forEach(function (part) {
                if (copy[part] && copy[part].color === LIGHT_CURRENT) copy[part].color = current;
            });
            if (copy.fill === "toself") copy.fillcolor = current === LIGHT_CURRENT ? "rgba(0,114,178,0.15)" : "rgba(86,180,233,0.2)";
            return copy;
        });
    }

    function draw(target, all) {
        var source = document.getElementById(target.getAttribute("data-figure-id"));
        if (!source || !window.Plotly) return;
        var figure = JSON.parse(source.textContent);
        var theme = (dark && dark.matches ? all.dark : all.light) || {};
        var layout = merge(merge({}, figure.layout || {}), {
            font: theme.font || {}, polar: figure.layout && figure.layout.polar ? theme.polar || {} : {},
        });
        ["xaxis", "yaxis"].forEach(function (axis) {
            if (theme[axis]) layout[axis] = merge(Object.assign({}, layout[axis] || {}), theme[axis]);
        });
        if (!(figure.layout && figure.layout.polar)) delete layout.polar;
        var phone = target.clientWidth < 480;
        if (phone && layout.polar) {
            layout.margin = { l: 64, r: 64, t: 48, b: 88 };
            layout.polar.angularaxis = merge(layout.polar.angularaxis || {}, { tickfont: { size: 9 } });
            layout.height = 420;
        }
        layout.autosize = true;
        var zh = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
        window.Plotly.react(target, recolour(figure.data || [], theme.current || LIGHT_CURRENT), layout, {
            responsive: true,
            displaylogo: false,
            displayModeBar: false,
            locale: zh ? "zh-CN" : "en",
        }).then(function () { target.setAttribute("data-rendered", "true"); });
    }

    function drawAll() {
        var all = themes();
        Array.prototype.forEach.call(document.querySelectorAll(".chart__plot[data-figure-id]"), function (target) {
            draw(target, all);
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        drawAll();
        if (dark && dark.addEventListener) dark.addEventListener("change", drawAll);
    });
})();
