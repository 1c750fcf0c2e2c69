// Progressive enhancement only: every page works without this file.
if (window.DKFDS && typeof window.DKFDS.init === "function") {
  window.DKFDS.init();
}
// Move focus to the error summary so screen reader users hear that the form needs attention.
const summary = document.getElementById("form-errors");
if (summary) {
  summary.focus();
}
