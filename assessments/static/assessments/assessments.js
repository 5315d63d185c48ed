/*
 * Small comforts for the self-assessment form (it works without them):
 * - a live character count under each reflection, against its minimum length;
 * - a submit button that cannot be pressed twice (the server is idempotent as well).
 */
(function () {
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("[data-min-length]"), function (help) {
            var field = help.parentNode.querySelector("textarea");
            var min = parseInt(help.getAttribute("data-min-length"), 10);
            var base = help.textContent;
            if (!field) return;
            function update() {
                var length = field.value.trim().length;
                help.textContent = base + " (" + length + "/" + min + ")";
                help.setAttribute("data-state", length < min ? "short" : "ok");
            }
            field.addEventListener("input", update);
            update();
        });
        Array.prototype.forEach.call(document.querySelectorAll("form[data-submit-once]"), function (form) {
            form.addEventListener("submit", function (event) {
                if (form.getAttribute("data-submitting") === "1") { event.preventDefault(); return; }
                form.setAttribute("data-submitting", "1");
                var button = form.querySelector("button[type=submit]");
                if (button) button.setAttribute("aria-busy", "true");
            });
        });
    });
})();
