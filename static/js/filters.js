// Open the exercise filters on wide screens; on a phone they stay folded under one tap.
if (window.matchMedia("(min-width: 768px)").matches) {
  document.querySelectorAll("details[data-open-on-wide]").forEach((details) => {
    details.open = true;
  });
}
