// The little the pages need a script for: speech (stop on any tap, "Lees voor" replays), the code keypad,
// the help panel, clearing an error once the person types again, and the privacy timer. Every answer
// works without it: the pages are plain forms.
(function () {
  "use strict";
  var audio = document.getElementById("spraak");
  var screen = document.getElementById("scherm");
  var screenName = screen ? screen.getAttribute("data-screen") : "";

  function stopSpeech() {
    if (audio && !audio.paused) { audio.pause(); }
  }

  // Speech stops when the person taps anything or leaves the page.
  document.addEventListener("pointerdown", stopSpeech, true);
  document.addEventListener("keydown", stopSpeech, true);
  window.addEventListener("pagehide", stopSpeech);

  var readAloud = document.getElementById("lees-voor");
  if (readAloud && audio) {
    readAloud.addEventListener("click", function () {
      audio.currentTime = 0;
      var playing = audio.play();
      if (playing && playing.catch) { playing.catch(function () {}); }
    });
  }

  // Help: a panel in the same place on every page.
  var help = document.getElementById("hulp");
  var helpPanel = document.getElementById("hulp-tekst");
  var helpClose = document.getElementById("hulp-sluiten");
  function showHelp(open) {
    if (!help || !helpPanel) { return; }
    helpPanel.hidden = !open;
    help.setAttribute("aria-expanded", open ? "true" : "false");
    (open ? helpClose : help).focus();
  }
  if (help) { help.addEventListener("click", function () { showHelp(helpPanel.hidden); }); }
  if (helpClose) { helpClose.addEventListener("click", function () { showHelp(false); }); }

  // An error goes away once the person changes what they typed or chose.
  function clearError() {
    var error = document.getElementById("fout");
    if (error) { error.remove(); }
  }

  // The code keypad: digits on screen, no keyboard needed.
  var field = document.getElementById("code-invoer");
  if (field) {
    document.querySelectorAll(".toets[data-cijfer]").forEach(function (key) {
      key.addEventListener("click", function () {
        if (field.value.length < field.maxLength) { field.value += key.getAttribute("data-cijfer"); }
        clearError();
      });
    });
    var eraseDigit = document.getElementById("wis-cijfer");
    if (eraseDigit) {
      eraseDigit.addEventListener("click", function () {
        field.value = field.value.slice(0, -1);
        clearError();
      });
    }
    field.addEventListener("input", clearError);
  }
  var text = document.getElementById("tekst");
  if (text) {
    text.addEventListener("input", clearError);
    // The cursor waits at the end of what is there, so typing goes on where it stopped.
    if (document.getElementById("fout")) {
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    }
  }
  document.querySelectorAll('input[type="checkbox"], input[type="radio"], #ontvanger').forEach(function (box) {
    box.addEventListener("input", clearError);
  });

  // The warning: count down, then back to the start (the server pauses the interview too).
  if (screenName === "idle") {
    var left = parseInt(screen.getAttribute("data-seconds"), 10) || 0;
    var sentence = screen.getAttribute("data-countdown") || "";
    var countdown = document.getElementById("aftellen");
    var tick = window.setInterval(function () {
      left = Math.max(0, left - 1);
      if (countdown && sentence) { countdown.textContent = sentence.replace("{seconds}", String(left)); }
      if (left === 0) {
        window.clearInterval(tick);
        window.location.assign("/");
      }
    }, 1000);
    return;
  }

  // The privacy timer: after a while without a touch, ask whether the person is still there.
  var idleSeconds = parseInt(document.body.getAttribute("data-idle-seconds"), 10);
  if (!idleSeconds) { return; }
  var lastTold = Date.now();
  var timer = null;
  function restart() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(function () { window.location.assign("/nog-daar"); }, idleSeconds * 1000);
  }
  function active() {
    restart();
    // Typing or ticking does not load a page: tell the server now and then that the person is here.
    if (Date.now() - lastTold > 15000) {
      lastTold = Date.now();
      fetch("/bezig", { method: "POST", keepalive: true, credentials: "same-origin" }).catch(function () {});
    }
  }
  ["pointerdown", "keydown", "input"].forEach(function (name) {
    document.addEventListener(name, active, true);
  });
  restart();
})();
