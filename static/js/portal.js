// Progressive enhancement only: every page works without this file.
if (window.DKFDS && typeof window.DKFDS.init === "function") {
  window.DKFDS.init();
}
// Move focus to the error summary so screen reader users hear that the form needs attention.
const summary = document.getElementById("form-errors");
if (summary) {
  summary.focus();
}
// "Back to the form" goes back in the browser's history where it can, because the browser then usually shows the
// form with what the person typed; following the link would load an empty form.
for (const link of document.querySelectorAll("[data-history-back]")) {
  link.addEventListener("click", (event) => {
    if (window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
}
