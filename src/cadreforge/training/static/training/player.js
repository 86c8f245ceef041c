/* The lesson player's progress beat. It records the intervals actually played (a seek starts a new
   interval, so skipping ahead adds nothing) and posts them every 10 seconds, on pause and on leaving.
   The server merges them, checks them against the clock and credits only their union. */
(function () {
  "use strict";
  var video = document.getElementById("lesson");
  if (!video) return;
  var url = video.getAttribute("data-progress-url");
  var status = document.getElementById("watch-status");
  var tokenInput = document.querySelector(".hidden-csrf input[name=csrfmiddlewaretoken]");
  var csrf = tokenInput ? tokenInput.value : "";
  var intervals = [];
  var current = null;
  var last = null;
  var MAX_STEP = 2.5; // seconds between two timeupdate events in normal play (at up to 2× speed)

  function close() {
    if (current && current[1] > current[0]) intervals.push(current);
    current = null;
  }

  video.addEventListener("timeupdate", function () {
    var t = video.currentTime;
    if (video.paused || video.seeking) { last = t; return; }
    if (current && last !== null && t >= last && t - last <= MAX_STEP) {
      current[1] = t;
    } else {
      close();
      current = [t, t];
    }
    last = t;
  });
  video.addEventListener("seeking", function () { close(); last = null; });

  // Every beat sends all intervals played on this page: the server keeps their union, so a beat that
  // was lost or refused is made good by the next one, and nothing is counted twice.
  function send(leaving) {
    var payload = intervals.slice();
    if (current && current[1] > current[0]) payload.push(current.slice());
    if (!payload.length) return;
    var body = JSON.stringify({ intervals: payload });
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!leaving,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: body
    }).then(function (r) { return r.json().then(function (d) { return { ok: r.ok, d: d }; }); })
      .then(function (res) {
        if (!status) return;
        if (res.ok) {
          status.textContent = "已观看 " + Math.round(res.d.watched_seconds) + " / " + res.d.duration_seconds + " 秒";
        } else if (res.d && res.d.detail) {
          status.textContent = res.d.detail;
        }
      }).catch(function () { /* network hiccup: the next beat sends the same intervals again */ });
  }

  window.setInterval(function () { if (!video.paused) send(false); }, 10000);
  video.addEventListener("pause", function () { send(false); });
  video.addEventListener("ended", function () { send(false); });
  document.addEventListener("visibilitychange", function () { if (document.hidden) send(true); });
  video.addEventListener("error", function () {
    if (status) status.textContent = "视频无法播放，请稍后再试。";
  });
})();
