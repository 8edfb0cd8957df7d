// Polls the import batch's status while it runs; reloads the page when it is over.
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box || box.dataset.running !== "1") return;
  var bar = box.querySelector("progress");
  var label = box.querySelector('[data-role="label"]');
  var count = box.querySelector('[data-role="count"]');
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        bar.value = s.percent;
        label.textContent = s.status_label;
        count.textContent = s.rows_done + " / " + s.rows_total;
        if (s.finished) { window.location.reload(); } else { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 700);
})();
