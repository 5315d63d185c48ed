/* Tell the portal that this material was opened, for "continue" on the home page.
 *
 * Contract: the page holds <form data-material-opened method="post" action="/materials/<id>/opened/">
 * with Django's csrfmiddlewaretoken inside. Once the page is visible the script posts that form with
 * navigator.sendBeacon (or fetch with keepalive where there is no beacon), once per page view. The page's
 * own GET writes nothing; the answer (204) is not read.
 */
(function () {
    "use strict";
    const form = document.querySelector("form[data-material-opened]");
    if (!form) {
        return;
    }
    let sent = false;

    function send() {
        if (sent || document.visibilityState !== "visible") {
            return;
        }
        sent = true;
        const data = new FormData(form);
        if (navigator.sendBeacon && navigator.sendBeacon(form.action, data)) {
            return;
        }
        fetch(form.action, { method: "POST", body: data, credentials: "same-origin", keepalive: true }).catch(function () {
            sent = false;
        });
    }

    send();
    document.addEventListener("visibilitychange", send);
})();
