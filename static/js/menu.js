// The header's "Menu" (a <details>, which opens and closes without this script) also closes as a
// phone's menus do: on Escape, with focus back on "Menu", and on a tap or click outside it.
(function () {
  "use strict";

  const menu = document.querySelector(".site-menu");
  if (!menu) return;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    menu.querySelector("summary").focus();
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();
