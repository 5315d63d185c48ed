// The portal's plotly.js bundle: only the trace types its charts use.
var Plotly = require("plotly.js/lib/core");
Plotly.register([
    require("plotly.js/lib/bar"),
    require("plotly.js/lib/heatmap"),
    require("plotly.js/lib/scatterpolar"),
    require("plotly.js/lib/locales/zh-cn"),
]);
module.exports = Plotly;
