/* Submit a form once: a double click sends one request (the server also refuses a second idea). */
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("form.idea-form"), function (form) {
            form.addEventListener("submit", function (event) {
                if (form.getAttribute("data-submitting") === "1") { event.preventDefault(); return; }
                form.setAttribute("data-submitting", "1");
            });
        });
    });
})();
