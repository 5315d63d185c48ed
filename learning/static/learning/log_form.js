/*
 * The study log form: minute chips, the insight's character counter and the material picker.
 *
 * Markup contract (all optional; the form works without this script):
 *   <div data-chips-for="id_minutes" hidden><button type="button" data-minutes="30" aria-pressed="false">
 *     Shown by this script. A chip sets the number input and fires "input" (so autosave sees it).
 *   <p data-counter-for="id_insight" data-msg-count="{count} of {limit}" data-msg-over="..." hidden>
 *     The textarea carries data-limit; the counter shows what is typed against it.
 *   <fieldset data-picker="/logs/materials/" data-msg-found data-msg-none>
 *     <div data-picker-search hidden><input data-picker-input></div> <span data-picker-status>
 *     <ul data-picker-list> checkboxes named "materials" </ul>
 *     Typing asks the endpoint ({results: [{id, title}]}) and lists the matches under the ticked
 *     ones; a ticked material always stays.
 */
(function () {
    "use strict";
    var SEARCH_DELAY_MS = 200;

    function format(template, values) {
        return template.replace(/\{(\w+)\}/g, function (_m, name) { return String(values[name]); });
    }

    function chips(group) {
        var input = document.getElementById(group.getAttribute("data-chips-for"));
        if (!input) return;
        var buttons = group.querySelectorAll("button[data-minutes]");
        function mark() {
            Array.prototype.forEach.call(buttons, function (b) {
                b.setAttribute("aria-pressed", b.getAttribute("data-minutes") === input.value ? "true" : "false");
            });
        }
        Array.prototype.forEach.call(buttons, function (button) {
            button.addEventListener("click", function () {
                input.value = button.getAttribute("data-minutes");
                input.dispatchEvent(new Event("input", { bubbles: true }));
                mark();
            });
        });
        input.addEventListener("input", mark);
        group.hidden = false;
        mark();
    }

    function counter(el) {
        var field = document.getElementById(el.getAttribute("data-counter-for"));
        if (!field) return;
        var limit = parseInt(field.getAttribute("data-limit"), 10);
        function update() {
            var count = field.value.trim().length;
            var over = count - limit;
            el.textContent = over > 0
                ? format(el.getAttribute("data-msg-over"), { over: over, limit: limit })
                : format(el.getAttribute("data-msg-count"), { count: count, limit: limit });
            el.setAttribute("data-state", over > 0 ? "over" : "");
        }
        field.addEventListener("input", update);
        var described = field.getAttribute("aria-describedby") || "";
        field.setAttribute("aria-describedby", (described + " " + el.id).trim());
        el.hidden = false;
        update();
    }

    function picker(box) {
        var url = box.getAttribute("data-picker");
        var input = box.querySelector("[data-picker-input]");
        var list = box.querySelector("[data-picker-list]");
        var status = box.querySelector("[data-picker-status]");
        var timer = null;
        var asked = 0;
        if (!url || !input || !list) return;

        function item(id, title) {
            var li = document.createElement("li");
            var box = document.createElement("input");
            box.type = "checkbox";
            box.name = "materials";
            box.value = String(id);
            box.id = "material-" + id;
            var label = document.createElement("label");
            label.htmlFor = box.id;
            label.className = "field__inline-label";
            label.textContent = title;
            li.appendChild(box);
            li.appendChild(document.createTextNode(" "));
            li.appendChild(label);
            return li;
        }

        function show(results) {
            var nothing = list.querySelector("[data-picker-nothing]");
            if (nothing) nothing.remove();
            var wanted = {};
            results.forEach(function (r) { wanted[String(r.id)] = true; });
            Array.prototype.forEach.call(list.querySelectorAll("input[type=checkbox]"), function (el) {
                if (!el.checked && !wanted[el.value]) el.closest("li").remove();
            });
            results.forEach(function (r) {
                if (!list.querySelector("input[value='" + String(r.id).replace(/\D/g, "") + "']")) {
                    list.appendChild(item(r.id, r.title));
                }
            });
            status.textContent = results.length
                ? format(box.getAttribute("data-msg-found"), { count: results.length })
                : box.getAttribute("data-msg-none");
        }

        function search() {
            var query = input.value.trim();
            if (!query) { status.textContent = ""; return; }
            var mine = ++asked;
            fetch(url + "?q=" + encodeURIComponent(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) { if (mine === asked) show(data.results || []); })
                .catch(function () { /* offline: the ticked and listed materials stay usable */ });
        }

        input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, SEARCH_DELAY_MS); });
        input.addEventListener("keydown", function (event) {
            // Enter searches at once instead of submitting the whole log.
            if (event.key === "Enter") { event.preventDefault(); clearTimeout(timer); search(); }
        });
        box.querySelector("[data-picker-search]").hidden = false;
    }

    document.addEventListener("DOMContentLoaded", function () {
        Array.prototype.forEach.call(document.querySelectorAll("[data-chips-for]"), chips);
        Array.prototype.forEach.call(document.querySelectorAll("[data-counter-for]"), counter);
        Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), picker);
    });
})();
