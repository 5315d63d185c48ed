/*
 * Draws the plotly charts of a page as they come near the viewport: <div class="chart__plot"
 * data-figure-id="ID"> with the figure JSON in <script type="application/json" id="ID"> (Django's
 * json_script), the light and dark themes once in #chart-themes (portal/charts.py THEMES), and the
 * bundle's and its stylesheet's URLs on this script's tag (data-plotly, data-plotly-css). No inline
 * script, so the page keeps a strict Content-Security-Policy.
 *
 * Every chart's summary and data table are in the HTML from the start; the drawing is extra. plotly.js
 * (a megabyte to evaluate) is fetched ahead when the page is idle, evaluated once, when the first chart
 * comes within 200 px of the viewport, and cached for good under its hashed name. Charts are drawn one
 * per task, so no long task blocks a tap. A drawn plot gets data-rendered="true"; the theme follows
 * prefers-color-scheme and redraws the drawn charts when it changes; labels follow the page language;
 * on a phone margins and fonts shrink.
 */
(function () {
    "use strict";
    var LIGHT_CURRENT = "#0072B2";
    var NEAR = "200px 0px";
    var PHONE_POLAR_HEIGHT = 420;
    var script = document.currentScript;
    var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
    var waiting = [];
    var busy = false;
    var plotly = null;
    var all = null;

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

    function figureOf(target) {
        var source = document.getElementById(target.getAttribute("data-figure-id"));
        return source ? JSON.parse(source.textContent) : null;
    }

    function phone(target) {
        return target.clientWidth < 480;
    }

    function heightOf(target, figure) {
        var layout = figure.layout || {};
        return phone(target) && layout.polar ? PHONE_POLAR_HEIGHT : layout.height || 450;  // plotly's default
    }

    function draw(target) {
        var figure = figureOf(target);
        if (!figure) return Promise.resolve();
        var theme = (dark && dark.matches ? all.dark : all.light) || {};
        var layout = merge(merge({}, figure.layout || {}), {
            font: theme.font || {}, polar: figure.layout && figure.layout.polar ? theme.polar || {} : {},
        });
        ["xaxis", "yaxis"].forEach(function (axis) {
            if (theme[axis]) layout[axis] = merge(Object.assign({}, layout[axis] || {}), theme[axis]);
        });
        if (!(figure.layout && figure.layout.polar)) delete layout.polar;
        if (phone(target) && layout.polar) {
            layout.margin = { l: 64, r: 64, t: 48, b: 88 };
            layout.polar.angularaxis = merge(layout.polar.angularaxis || {}, { tickfont: { size: 9 } });
            layout.height = PHONE_POLAR_HEIGHT;
        }
        layout.autosize = true;
        var zh = (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0;
        return window.Plotly.react(target, recolour(figure.data || [], theme.current || LIGHT_CURRENT), layout, {
            responsive: true,
            displaylogo: false,
            displayModeBar: false,
            locale: zh ? "zh-CN" : "en",
        }).then(function () { target.setAttribute("data-rendered", "true"); });
    }

    function later(task) {
        if (window.requestIdleCallback) window.requestIdleCallback(task, { timeout: 300 });
        else window.setTimeout(task, 0);
    }

    function load(tag, attributes) {
        return new Promise(function (resolve, reject) {
            var element = document.createElement(tag);
            Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
            element.addEventListener("load", resolve);
            element.addEventListener("error", function () { reject(new Error("Could not load " + element.outerHTML)); });
            (tag === "link" ? document.head : document.body).appendChild(element);
        });
    }

    function loadPlotly() {
        // The stylesheet, under the id plotly looks for, keeps plotly from adding a <style> of its own.
        plotly = plotly || Promise.all([
            load("link", {
                rel: "stylesheet", id: "plotly.js-style-global", "class": "no-inline-styles",
                href: script.getAttribute("data-plotly-css"),
            }),
            load("script", { src: script.getAttribute("data-plotly") }),
        ]);
        return plotly;
    }

    function prefetch() {
        // Into the browser's cache, not evaluated: the first chart scrolled to then waits for no download.
        if (plotly) return;
        var link = document.createElement("link");
        link.rel = "prefetch";
        link.href = script.getAttribute("data-plotly");
        document.head.appendChild(link);
    }

    function drawNext() {
        // One chart per task: the browser paints and answers input between two charts.
        if (busy || !waiting.length) return;
        busy = true;
        draw(waiting.shift()).then(function () {
            busy = false;
            if (waiting.length) later(drawNext);
        });
    }

    function queue(target) {
        if (waiting.indexOf(target) < 0) waiting.push(target);
        loadPlotly().then(function () { later(drawNext); });
    }

    function redrawDrawn() {
        Array.prototype.forEach.call(document.querySelectorAll('.chart__plot[data-rendered="true"]'), queue);
    }

    document.addEventListener("DOMContentLoaded", function () {
        var plots = document.querySelectorAll(".chart__plot[data-figure-id]");
        if (!plots.length) return;
        all = themes();
        // Each chart's height is kept free before it is drawn, so what is below does not jump when it is.
        var heights = Array.prototype.map.call(plots, function (plot) { return heightOf(plot, figureOf(plot) || {}); });
        Array.prototype.forEach.call(plots, function (plot, n) { plot.style.minHeight = heights[n] + "px"; });
        if (!window.IntersectionObserver) {
            Array.prototype.forEach.call(plots, queue);
            return;
        }
        var observer = new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                if (!entry.isIntersecting) return;
                observer.unobserve(entry.target);
                queue(entry.target);
            });
        }, { rootMargin: NEAR });
        Array.prototype.forEach.call(plots, function (plot) { observer.observe(plot); });
        window.addEventListener("load", function () { later(prefetch); });
        if (dark && dark.addEventListener) dark.addEventListener("change", redrawDrawn);
    });
})();
