/* Fating E+ — small behaviours every page shares, bound here rather than in on*="" attributes,
   which the Content-Security-Policy does not run. Delegated from document, so they also work in
   fragments htmx swaps in. */
(function () {
  "use strict";
  // 大字 mode: every rem grows by a quarter; the choice persists in this browser.
  var KEY = "fating.largeText";
  function showTextSize() {
    var on = document.documentElement.classList.contains("large-text");
    document.querySelectorAll("[data-large-text]").forEach(function (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? b.dataset.on : b.dataset.off;
    });
  }
  document.addEventListener("DOMContentLoaded", showTextSize);
  document.addEventListener("click", function (event) {
    var b = event.target && event.target.closest ? event.target.closest("[data-large-text]") : null;
    if (!b) {
      return;
    }
    var on = document.documentElement.classList.toggle("large-text");
    try {
      localStorage.setItem(KEY, on ? "1" : "0");
    } catch (e) {
      // private mode: the choice lasts for this page only
    }
    showTextSize();
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el && el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var el = event.target && event.target.closest ? event.target.closest("[data-print], [data-pick-cause]") : null;
    if (!el) {
      return;
    }
    if (el.hasAttribute("data-print")) {
      window.print();
      return;
    }
    // A suggested cause of action fills the cause field and shows its name.
    var code = document.getElementById("id_cause_code");
    var chosen = document.getElementById("cause-chosen");
    if (code) {
      code.value = el.dataset.code;
    }
    if (chosen) {
      chosen.textContent = el.dataset.name;
    }
  });
})();
