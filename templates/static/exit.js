// Quick exit (SECURITY.md ANON-7). The link works without this script; with it, a click or
// Shift pressed three times within five seconds blanks the page first, then replaces this
// page in the history with the neutral site.
//
// A Shift counts only when pressed and released alone: typing "Houston, TX" holds Shift for
// capitals and must never exit. Any other key in between starts the count again.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) return;
  var to = link.getAttribute("data-to") || link.href;
  var leave = function (event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.textContent = "";
    window.location.replace(to);
  };
  link.addEventListener("click", leave);
  var presses = [];
  var combined = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) combined = false;
      return;
    }
    combined = true;
    presses = [];
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (combined) {
      combined = false;
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 5000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
