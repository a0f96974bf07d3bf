/* The door check-in (templates/seminars/door.html). htmx runs the search; this file sends the taps and the
   scanned QR codes. Every tap goes into a queue kept in localStorage and is sent in order; a request that
   fails for want of a connection (or a 5xx) stays queued and is retried with back-off and when the phone is
   back online, even after a reload. The server's check-in says the status wanted, so a request sent twice
   changes nothing the second time: a tap is never lost and never doubled. No inline script or style (CSP). */
(function () {
  "use strict";
  var app = document.getElementById("door-app");
  if (!app) return;
  var KEY = "mura-door-queue:" + location.pathname;
  var statusBox = app.querySelector("[data-door-status]");
  var busy = false;
  var delay = 1000;
  var timer = null;

  function csrf() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(queue) { localStorage.setItem(KEY, JSON.stringify(queue)); }
  function say(text) { if (statusBox) statusBox.textContent = text || ""; }

  function markPending(rowId) {
    var row = rowId && document.getElementById(rowId);
    if (row) row.classList.add("door-pending");
  }

  function enqueue(job) {
    var queue = load();
    queue.push(job);
    save(queue);
    markPending(job.row);
    run();
  }

  function place(html, job) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var row = holder.content.querySelector("li.door-row");
    var count = holder.content.querySelector("[data-door-count]");
    if (count) {
      var shown = document.getElementById("door-count");
      if (shown) shown.textContent = count.textContent;
    }
    if (!row) return;
    var old = document.getElementById(row.id);
    if (old) {
      old.replaceWith(row);
    } else {
      var list = app.querySelector("[data-door-scanned]");
      if (!list) {
        list = document.createElement("ul");
        list.className = "door-list plain";
        list.setAttribute("data-door-scanned", "");
        app.insertBefore(list, app.querySelector(".door-search"));
      }
      list.insertBefore(row, list.firstChild);
    }
    if (job.scan) {
      var name = row.querySelector(".door-name");
      say(app.getAttribute("data-scanned-text") + " " + (name ? name.textContent : ""));
    }
    if (job.focus) {
      var button = row.querySelector("button");
      if (button) button.focus();
    }
  }

  function retryLater() {
    say(app.getAttribute("data-pending-text"));
    clearTimeout(timer);
    timer = setTimeout(run, delay);
    delay = Math.min(delay * 2, 30000);
  }

  function run() {
    if (busy) return;
    var queue = load();
    if (!queue.length) { delay = 1000; return; }
    var job = queue[0];
    markPending(job.row);
    busy = true;
    fetch(job.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "HX-Request": "true", "X-CSRFToken": csrf(), "Content-Type": "application/x-www-form-urlencoded" },
      body: job.body
    }).then(function (response) {
      return response.text().then(function (text) { return { status: response.status, text: text }; });
    }).then(function (answer) {
      busy = false;
      if (answer.status >= 500) { retryLater(); return; }
      var rest = load();
      rest.shift();
      save(rest);
      delay = 1000;
      if (answer.status === 200) {
        say("");
        place(answer.text, job);
      } else if (answer.status === 404 && job.scan) {
        say(app.getAttribute("data-unknown-text"));
      } else {
        say(answer.text.replace(/<[^>]+>/g, " ").trim().slice(0, 200));
        var row = job.row && document.getElementById(job.row);
        if (row) row.classList.remove("door-pending");
      }
      run();
    }, function () {
      busy = false;
      retryLater();
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-door-checkin]")) return;
    event.preventDefault();
    var row = form.closest("li.door-row");
    enqueue({ url: form.action, body: new URLSearchParams(new FormData(form)).toString(), row: row ? row.id : "", focus: true });
  });
  window.addEventListener("online", function () { delay = 1000; run(); });
  run(); // what an earlier page left unsent

  // ---- QR codes: the phone's camera, read by jsQR ----
  var tools = app.querySelector("[data-door-scan-tools]");
  var cameraBox = app.querySelector("[data-door-camera]");
  if (!tools || !cameraBox || !window.jsQR || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  tools.hidden = false;
  var video = cameraBox.querySelector("video");
  var canvas = document.createElement("canvas");
  var stream = null;
  var lastToken = "";
  var lastAt = 0;

  function tokenOf(text) {
    try {
      var url = new URL(text, location.href);
      return url.searchParams.get("scan") || "";
    } catch (e) {
      return "";
    }
  }

  function tick() {
    if (!stream) return;
    if (video.readyState >= 2 && video.videoWidth) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      var context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (code && code.data) {
        var token = tokenOf(code.data);
        var now = Date.now();
        if (!token) {
          say(app.getAttribute("data-unknown-text"));
        } else if (token !== lastToken || now - lastAt > 4000) {
          lastToken = token;
          lastAt = now;
          var body = new URLSearchParams({ token: token, csrfmiddlewaretoken: csrf() }).toString();
          enqueue({ url: app.getAttribute("data-scan-url"), body: body, row: "", scan: true });
        }
      }
    }
    setTimeout(tick, 150);
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
    stream = null;
    cameraBox.hidden = true;
    tools.hidden = false;
  }

  app.querySelector("[data-door-scan]").addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      cameraBox.hidden = false;
      tools.hidden = true;
      video.play();
      tick();
    }, function () {
      say(app.getAttribute("data-camera-error-text"));
    });
  });
  app.querySelector("[data-door-scan-stop]").addEventListener("click", stop);
})();
