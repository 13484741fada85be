// The status page of a single import: asks the server where the import is every half second and
// reloads the page once it is no longer waiting or being read (the page then shows the report, the
// reason it failed or the confirmation). Without JavaScript the page's <noscript> refresh does it.
(function () {
  "use strict";
  var root = document.getElementById("upload-status");
  if (!root || root.dataset.running !== "true") return;
  var url = root.dataset.poll;
  var label = document.getElementById("upload-state");
  var elapsed = document.getElementById("upload-elapsed");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return setTimeout(poll, 2000);
        if (!s.running) { window.location.replace(s.url); return; }
        if (label) label.textContent = s.label;
        if (elapsed) elapsed.textContent = s.elapsed;
        setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 500);
})();
