/* Reload the QR sign-in page before its code expires, so the screen always shows a valid code. */
(function () {
  "use strict";
  var box = document.querySelector("[data-refresh-seconds]");
  if (!box) return;
  var minutes = parseInt(box.getAttribute("data-refresh-seconds"), 10) || 5;
  window.setTimeout(function () { window.location.reload(); }, Math.max(1, minutes) * 60 * 1000);
})();
