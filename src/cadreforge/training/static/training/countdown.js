/* The knowledge test's countdown. Only a convenience: the server enforces the time limit. When time is
   up the form is handed in as it stands. */
(function () {
  "use strict";
  var el = document.getElementById("countdown");
  var form = document.getElementById("quiz-form");
  if (!el || !form) return;
  var end = Date.now() + parseInt(el.getAttribute("data-remaining"), 10) * 1000;
  var sent = false;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    el.textContent = "剩余时间 " + pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    if (left <= 60) el.classList.add("urgent");
    if (left === 0 && !sent) {
      sent = true;
      el.textContent = "时间到，正在自动交卷……";
      form.submit();
      return;
    }
    window.setTimeout(tick, 500);
  }
  form.addEventListener("submit", function () { sent = true; });
  tick();
})();
