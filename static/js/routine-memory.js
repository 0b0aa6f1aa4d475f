// The patient's own routine, remembered on this phone only (localStorage, never sent), so that
// "Add to my routine" on an exercise reached by the menu, a search or the home page adds to it
// instead of starting a new one (a patient QA pass, round 24, lost a routine that way). The
// routine's page keeps its code here, and "Start again" empties it; without this script, or
// opened from the routine's own links, the address carries the routine as before.
(function () {
  "use strict";

  const KEY = "backcare-routine";
  const MOST = 12;
  let store = null;
  try {
    store = window.localStorage;
    store.getItem(KEY);
  } catch (error) {
    return;
  }

  const page = document.querySelector("[data-my-routine]");
  if (page) {
    const code = page.dataset.myRoutine;
    if (code) store.setItem(KEY, code);
    else store.removeItem(KEY);
  }

  const saved = store.getItem(KEY);
  const add = document.querySelector("a[data-add-to-routine]");
  if (!saved || !add) return;
  const slugs = saved
    .split(",")
    .map((piece) => piece.split(":")[0])
    .filter((slug) => slug && slug !== "start");
  const url = new URL(add.href, window.location.href);
  const entry = url.searchParams.get("do") || "";
  const routineUrl = (code) => `${url.pathname}?${new URLSearchParams({ do: code })}`;
  if (slugs.includes(add.dataset.addToRoutine)) {
    add.textContent = "In your routine: open it";
    add.href = routineUrl(saved);
  } else if (slugs.length >= MOST) {
    // Full: adding would start a new routine in place of the patient's 12 exercises.
    add.textContent = `Your routine is full (${MOST} exercises): open it`;
    add.href = routineUrl(saved);
  } else if (entry) {
    add.href = routineUrl(`${saved},${entry}`);
    const count = slugs.length === 1 ? "1 exercise" : `${slugs.length} exercises`;
    add.insertAdjacentText("afterend", ` Your routine has ${count}.`);
  }
})();
