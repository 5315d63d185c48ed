/*
 * Autosave for long forms (study log, self-assessment). Nothing typed is lost.
 *
 * Markup contract:
 *   <form method="post" data-autosave="/url/of/autosave/endpoint/" data-autosave-key="unique-key">
 *     <input type="hidden" name="version" value="3">   (the version the page was rendered from)
 *     ...fields...
 *     <p data-autosave-status aria-live="polite"></p>
 *   </form>
 *   Messages come from data-msg-* attributes on the form (translated by the server):
 *   data-msg-saved, data-msg-saving, data-msg-offline, data-msg-restored, data-msg-conflict,
 *   data-msg-keep-mine, data-msg-take-theirs, data-msg-invalid, data-msg-refused.
 *   Optional, per field: <span data-field-state="name" aria-live="polite"></span> beside the field
 *   shows the save state of the field being edited, and what the server refused in it.
 *
 * The endpoint answers JSON: 200 {version, saved_at, refused?}; 409 {version, fields} when newer
 * text was saved elsewhere; 400 {errors}. ``refused`` and ``errors`` map a field name to messages
 * (in the reader's language): a draft with refused values is kept but never reported as saved. A failed request keeps a copy in localStorage,
 * sent again when the connection returns and restored on reload. A page that confirms a
 * final submit carries <meta name="autosave-clear" content="unique-key"> to drop the copy.
 * An empty data-autosave keeps the draft on this device only (data-msg-kept), until submitted.
 */
(function () {
    "use strict";
    var DELAY_MS = 1500;

    function csrfToken(form) {
        var input = form.querySelector("input[name=csrfmiddlewaretoken]");
        return input ? input.value : "";
    }

    function fieldPairs(form) {
        var pairs = [];
        new FormData(form).forEach(function (value, name) {
            if (name !== "csrfmiddlewaretoken" && typeof value === "string") pairs.push([name, value]);
        });
        return pairs;
    }

    function applyPairs(form, pairs) {
        var byName = {};
        pairs.forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
        Array.prototype.forEach.call(form.elements, function (el) {
            if (!el.name || el.name === "csrfmiddlewaretoken" || el.name === "version" || !(el.name in byName)) return;
            if (el.type === "checkbox" || el.type === "radio") {
                el.checked = byName[el.name].indexOf(el.value) !== -1;
            } else if (el.tagName === "SELECT" && el.multiple) {
                Array.prototype.forEach.call(el.options, function (o) { o.selected = byName[el.name].indexOf(o.value) !== -1; });
            } else if (el.type !== "file" && el.type !== "hidden") {
                el.value = byName[el.name][0];
            }
        });
    }

    function uncheckedBoxes(form, pairs) {
        // FormData omits unticked boxes; a restored copy must untick them too.
        var present = {};
        pairs.forEach(function (pair) { present[pair[0]] = true; });
        Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (el) {
            if (el.name && !present[el.name]) el.checked = false;
        });
    }

    function samePairs(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

    function Autosave(form) {
        this.form = form;
        this.url = form.getAttribute("data-autosave");
        this.key = "autosave:" + form.getAttribute("data-autosave-key");
        this.status = form.querySelector("[data-autosave-status]");
        this.versionInput = form.querySelector("input[name=version]");
        this.timer = null;
        this.inFlight = false;
        this.pending = false;
        this.lastSent = JSON.stringify(fieldPairs(form));
        this.field = null;
    }

    Autosave.prototype.msg = function (name) { return this.form.getAttribute("data-msg-" + name) || ""; };

    Autosave.prototype.say = function (text, state) {
        this.sayAtField(text, state);
        if (!this.status || this.status.textContent === text) return;
        this.status.textContent = text;
        this.status.setAttribute("data-state", state || "");
    };

    Autosave.prototype.fieldStates = function () { return this.form.querySelectorAll("[data-field-state]"); };

    Autosave.prototype.sayAtField = function (text, state) {
        // Beside the field being edited; a field showing a refusal keeps it until the server accepts it.
        var self = this;
        Array.prototype.forEach.call(this.fieldStates(), function (el) {
            if (el.getAttribute("data-state") === "invalid") return;
            var here = el.getAttribute("data-field-state") === self.field;
            if (el.textContent !== (here ? text : "")) el.textContent = here ? text : "";
            el.setAttribute("data-state", here ? state || "" : "");
        });
    };

    Autosave.prototype.showRefused = function (refused) {
        Array.prototype.forEach.call(this.fieldStates(), function (el) {
            var messages = refused[el.getAttribute("data-field-state")];
            if (messages && messages.length) {
                el.textContent = messages.join(" ");
                el.setAttribute("data-state", "invalid");
            } else if (el.getAttribute("data-state") === "invalid") {
                el.textContent = "";
                el.setAttribute("data-state", "");
            }
        });
    };

    Autosave.prototype.version = function () { return this.versionInput ? this.versionInput.value : ""; };

    Autosave.prototype.keepLocal = function () {
        try {
            localStorage.setItem(this.key, JSON.stringify({ version: this.version(), pairs: fieldPairs(this.form), at: Date.now() }));
        } catch (e) { /* storage full or disabled: the server copy is all we have */ }
    };

    Autosave.prototype.dropLocal = function () { try { localStorage.removeItem(this.key); } catch (e) { /* ignore */ } };

    Autosave.prototype.schedule = function () {
        var self = this;
        clearTimeout(this.timer);
        this.keepLocal();
        if (!this.url) { this.say(this.msg("kept"), "saved"); return; }
        this.timer = setTimeout(function () { self.save(); }, DELAY_MS);
    };

    Autosave.prototype.save = function (force) {
        var self = this;
        var snapshot = JSON.stringify(fieldPairs(this.form));
        if (!force && snapshot === this.lastSent) return;
        if (this.inFlight) { this.pending = true; return; }
        this.inFlight = true;
        this.say(this.msg("saving"), "saving");
        fetch(this.url, {
            method: "POST",
            body: new FormData(this.form),
            headers: { "X-CSRFToken": csrfToken(this.form), "X-Requested-With": "fetch" },
            credentials: "same-origin",
        }).then(function (response) {
            return response.json().then(function (data) { return { status: response.status, data: data }; });
        }).then(function (result) {
            self.handle(result.status, result.data, snapshot);
        }).catch(function () {
            self.keepLocal();
            self.say(self.msg("offline"), "offline");
        }).then(function () {
            self.inFlight = false;
            if (self.pending) { self.pending = false; self.save(); }
        });
    };

    Autosave.prototype.handle = function (status, data, snapshot) {
        if (status === 200) {
            if (this.versionInput && data.version !== undefined) this.versionInput.value = data.version;
            this.lastSent = snapshot;
            this.dropLocal();
            var refused = data.refused || {};
            this.showRefused(refused);
            if (Object.keys(refused).length) {
                this.say(this.msg("refused") || this.msg("invalid"), "invalid");
            } else {
                this.say(this.msg("saved") + (data.saved_at ? " " + data.saved_at : ""), "saved");
            }
        } else if (status === 409) {
            this.keepLocal();
            this.offerChoice(data);
        } else if (status === 400) {
            this.keepLocal();
            this.showRefused((data && data.errors) || {});
            this.say(this.msg("invalid"), "invalid");
        } else {
            this.keepLocal();
            this.say(this.msg("offline"), "offline");
        }
    };

    Autosave.prototype.offerChoice = function (data) {
        var self = this;
        var old = this.form.querySelector(".autosave-conflict");
        if (old) old.remove();
        var box = document.createElement("div");
        box.className = "autosave-conflict";
        box.setAttribute("role", "alert");
        var text = document.createElement("p");
        text.textContent = this.msg("conflict");
        box.appendChild(text);
        if (data.fields) {
            var theirs = document.createElement("pre");
            theirs.className = "autosave-conflict__theirs";
            theirs.textContent = Object.keys(data.fields).map(function (k) { return data.fields[k]; }).filter(Boolean).join("\n\n");
            box.appendChild(theirs);
        }
        function button(label, onClick) {
            var b = document.createElement("button");
            b.type = "button";
            b.className = "button button--quiet";
            b.textContent = label;
            b.addEventListener("click", function () { box.remove(); onClick(); });
            box.appendChild(b);
        }
        button(this.msg("keep-mine"), function () {
            if (self.versionInput) self.versionInput.value = data.version;
            self.save(true);
        });
        button(this.msg("take-theirs"), function () {
            if (self.versionInput) self.versionInput.value = data.version;
            var pairs = [];
            Object.keys(data.fields || {}).forEach(function (name) {
                var value = data.fields[name];
                (Array.isArray(value) ? value : [value]).forEach(function (v) { pairs.push([name, String(v)]); });
            });
            applyPairs(self.form, pairs);
            self.lastSent = JSON.stringify(fieldPairs(self.form));
            self.dropLocal();
            self.say(self.msg("saved"), "saved");
        });
        this.status.parentNode.insertBefore(box, this.status);
        this.say(this.msg("conflict"), "conflict");
    };

    Autosave.prototype.restore = function () {
        var stored;
        try { stored = JSON.parse(localStorage.getItem(this.key) || "null"); } catch (e) { stored = null; }
        if (!stored || !stored.pairs) return;
        if (samePairs(stored.pairs, fieldPairs(this.form))) { this.dropLocal(); return; }
        uncheckedBoxes(this.form, stored.pairs);
        applyPairs(this.form, stored.pairs);
        this.say(this.msg("restored"), "restored");
        if (this.url) this.save(true);
    };

    Autosave.prototype.start = function () {
        var self = this;
        this.restore();
        function edited(event) {
            if (event.target && event.target.name) self.field = event.target.name;
            self.schedule();
        }
        this.form.addEventListener("input", edited);
        this.form.addEventListener("change", edited);
        window.addEventListener("online", function () { if (self.url) self.save(true); });
        this.form.addEventListener("submit", function (event) {
            var submit = event.submitter;
            if (self.form.getAttribute("data-submitting") === "1") { event.preventDefault(); return; }
            self.form.setAttribute("data-submitting", "1");
            self.keepLocal();
            clearTimeout(self.timer);
            if (submit) { submit.setAttribute("aria-busy", "true"); }
        });
    };

    function clearConfirmed() {
        Array.prototype.forEach.call(document.querySelectorAll("meta[name=autosave-clear]"), function (meta) {
            try { localStorage.removeItem("autosave:" + meta.getAttribute("content")); } catch (e) { /* ignore */ }
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        clearConfirmed();
        Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), function (form) {
            new Autosave(form).start();
        });
    });
})();
