// "Was this page helpful?": send the answer in the background and say thank you in place.
// Without this script the form posts as usual and the site answers with a thank-you page.
document.querySelectorAll("form.page-feedback__form").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "omit",
      });
    } catch {
      response = null;
    }
    if (!response || !response.ok) {
      // The site's own page explains the problem and keeps what was typed.
      form.submit();
      return;
    }
    const { thanks } = await response.json();
    const message = document.createElement("p");
    message.className = "page-feedback__thanks";
    message.setAttribute("role", "status");
    message.tabIndex = -1;
    message.textContent = thanks;
    form.replaceWith(message);
    message.focus();
  });
});
