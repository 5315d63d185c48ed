/* The header's menus.
 *
 * Contract: loaded right after <header data-site-header>, which holds a hidden
 * <button data-menu-toggle aria-controls="site-menu"> and the <details data-user-menu>.
 * - On a phone (the CSS decides the width) the button folds the navigation away: this script
 *   shows the button and sets data-menu="closed" on the header; the button toggles it and
 *   aria-expanded. Without this script the navigation simply stays open.
 * - Opening the phone menu opens the user menu too, so 我的设置 and 退出 are one tap away.
 * - Escape closes what is open and gives the focus back to its button; a click outside the
 *   user menu closes it.
 */
(function () {
    "use strict";
    const header = document.querySelector("[data-site-header]");
    if (!header) {
        return;
    }
    const toggle = header.querySelector("[data-menu-toggle]");
    const userMenu = header.querySelector("[data-user-menu]");
    const phone = window.matchMedia("(max-width: 48rem)");

    function setOpen(open) {
        header.dataset.menu = open ? "open" : "closed";
        if (toggle) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
        }
        if (userMenu && phone.matches) {
            userMenu.open = open;
        }
    }

    if (toggle) {
        toggle.hidden = false;
        setOpen(false);
        toggle.addEventListener("click", function () {
            setOpen(header.dataset.menu !== "open");
        });
    }

    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
            return;
        }
        if (userMenu && userMenu.open && !phone.matches) {
            userMenu.open = false;
            userMenu.querySelector("summary").focus();
        } else if (toggle && phone.matches && header.dataset.menu === "open") {
            setOpen(false);
            toggle.focus();
        }
    });

    document.addEventListener("click", function (event) {
        if (userMenu && userMenu.open && !phone.matches && !userMenu.contains(event.target)) {
            userMenu.open = false;
        }
    });
})();
