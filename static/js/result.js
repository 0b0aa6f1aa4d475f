// A result is the answer to a form post, kept nowhere (not even in the browser's cache), so coming
// back to it by Back or Forward would make the browser ask to send the answers again ("Confirm Form
// Resubmission"). Turning this history entry into a plain page of the checklist's first step, whose
// "not kept" note opens by its #fragment, lets Back and Forward land there instead, with no prompt.
// Without JavaScript the prompt stays; nothing of the answers goes in the address either way.
const notKept = document.currentScript?.dataset.notKept;
if (notKept && window.history.replaceState) {
  window.history.replaceState(null, "", notKept);
}
