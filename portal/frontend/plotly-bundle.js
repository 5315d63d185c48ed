// The portal's plotly.js bundle: only the trace types its charts use (scatter lines come with the core).
// Heat grids, sparklines and small multiples are HTML and SVG, not plotly.
var Plotly = require("plotly.js/lib/core");
Plotly.register([
    require("plotly.js/lib/bar"),
    require("plotly.js/lib/scatterpolar"),
    require("plotly.js/lib/locales/zh-cn"),
]);
module.exports = Plotly;
