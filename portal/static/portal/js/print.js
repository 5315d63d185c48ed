document.addEventListener("DOMContentLoaded", function () {
    "use strict";
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
        button.addEventListener("click", function () { window.print(); });
    });
});
