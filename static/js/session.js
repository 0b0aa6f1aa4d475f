// A started routine without reloading (progressive enhancement of exercises/session.html).
//
// The page holds every step of the session, the one its address asks for shown. Next and Previous
// are plain links to each step's own page (?at=2); here they show that step instead, put its
// address in the history (Back and Forward work) and move focus to its heading. A timer left
// running on the step the patient moves away from is paused. Nothing is sent anywhere.
(function () {
  "use strict";

  const session = document.querySelector("[data-session]");
  if (!session || !window.history.pushState) return;
  const steps = Array.from(session.querySelectorAll("[data-step]"));
  // The site's name after each step's own title, as the server writes it.
  const shown = steps.find((step) => !step.hidden);
  const suffix = shown && document.title.startsWith(shown.dataset.title) ? document.title.slice(shown.dataset.title.length) : "";

  function show(at, focus) {
    const target = steps.find((step) => step.dataset.step === at);
    if (!target) return false;
    steps.forEach((step) => {
      if (step !== target && !step.hidden) {
        step.querySelectorAll("[data-timer]").forEach((timer) => {
          timer.dispatchEvent(new CustomEvent("timer:stop"));
        });
      }
      step.hidden = step !== target;
    });
    document.title = target.dataset.title + suffix;
    if (focus) {
      const heading = target.querySelector("h2");
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      window.scrollTo(0, 0);
    }
    return true;
  }

  session.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-go]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    if (show(link.dataset.go, true)) {
      event.preventDefault();
      window.history.pushState({ at: link.dataset.go }, "", link.href);
    }
  });

  function askedFor() {
    return new URLSearchParams(window.location.search).get("at") || "1";
  }

  window.addEventListener("popstate", () => show(askedFor(), true));
  // Offline, the service worker may answer a step's address with the session's first page.
  if (shown && shown.dataset.step !== askedFor()) show(askedFor(), false);
})();
