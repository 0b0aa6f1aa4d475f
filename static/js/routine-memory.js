// The patient's own routine, remembered on this phone only (localStorage, never sent), so that
// "Add to my routine" on an exercise reached by the menu, a search or the home page adds to it
// instead of starting a new one (a patient QA pass, round 24, lost a routine that way). The
// routine's page keeps its code here; only "Yes, start again" (or removing its last exercise)
// forgets it. An empty routine page offers the one kept, and a page that brings another routine
// (a ready-made one made your own, a shared link) says which one it replaced, with a way back
// (round 29 lost routines both ways). Without this script, the address carries the routine as before.
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

  const slugsOf = (code) =>
    code
      .split(",")
      .map((piece) => piece.split(":")[0])
      .filter((slug) => slug && slug !== "start");
  const counted = (slugs) => (slugs.length === 1 ? "1 exercise" : `${slugs.length} exercises`);
  const routineUrl = (path, code) => `${path}?${new URLSearchParams({ do: code })}`;

  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("[data-forget-routine]")) store.removeItem(KEY);
  });

  // A line under the page's heading: words, then a link.
  const say = (page, words, linkText, href) => {
    const line = document.createElement("p");
    line.className = "routine-memory-note";
    line.setAttribute("role", "status");
    const link = document.createElement("a");
    link.href = href;
    link.textContent = linkText;
    line.append(`${words} `, link);
    page.querySelector("h1").after(line);
  };

  const page = document.querySelector("[data-my-routine]");
  if (page) {
    const code = page.dataset.myRoutine;
    const kept = store.getItem(KEY);
    const path = window.location.pathname;
    if (code) {
      if (kept && kept !== code) {
        // An edit changes one exercise at a time (a dose, an order, one added or removed): any
        // more and it is another routine.
        const before = new Set(slugsOf(kept));
        const now = new Set(slugsOf(code));
        const changed = [...before].filter((s) => !now.has(s)).length +
          [...now].filter((s) => !before.has(s)).length;
        if (changed > 1) {
          say(page, `This routine has taken the place of the one kept on this phone (${counted(slugsOf(kept))}).`,
            "Open that one instead", routineUrl(path, kept));
        }
      }
      store.setItem(KEY, code);
    } else if (kept) {
      say(page, `Your routine on this phone has ${counted(slugsOf(kept))}.`, "Open it", routineUrl(path, kept));
    }
  }

  const saved = store.getItem(KEY);
  const add = document.querySelector("a[data-add-to-routine]");
  if (!saved || !add) return;
  const slugs = slugsOf(saved);
  const url = new URL(add.href, window.location.href);
  const entry = url.searchParams.get("do") || "";
  if (slugs.includes(add.dataset.addToRoutine)) {
    add.textContent = "In your routine: open it";
    add.href = routineUrl(url.pathname, saved);
  } else if (slugs.length >= MOST) {
    // Full: adding would start a new routine in place of the patient's 12 exercises.
    add.textContent = `Your routine is full (${MOST} exercises): open it`;
    add.href = routineUrl(url.pathname, saved);
  } else if (entry) {
    add.href = routineUrl(url.pathname, `${saved},${entry}`);
    add.insertAdjacentText("afterend", ` Your routine has ${counted(slugs)}.`);
  }
})();
