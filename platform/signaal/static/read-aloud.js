// "Read aloud" for lesson pages: the browser's own speech synthesis, in the page's language.
// The button exists only when the browser has a voice for that language; without
// JavaScript or without such a voice the page is simply read as usual.
(function () {
  "use strict";
  var article = document.querySelector("article[data-read-aloud]");
  var speech = window.speechSynthesis;
  if (!article || !speech || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var language = (article.getAttribute("lang") || "").toLowerCase().replace("_", "-");
  var primary = language.split("-")[0];
  var button = null;

  function voiceFor() {
    var voices = speech.getVoices();
    var exact = null;
    var near = null;
    for (var i = 0; i < voices.length; i += 1) {
      var code = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (code === language) { exact = exact || voices[i]; }
      if (code.split("-")[0] === primary) { near = near || voices[i]; }
    }
    return exact || near;
  }

  function stop() {
    speech.cancel();
    button.textContent = article.getAttribute("data-read-label");
    button.setAttribute("aria-pressed", "false");
  }

  function read() {
    var voice = voiceFor();
    if (!voice) { return; }
    var utterance = new window.SpeechSynthesisUtterance(article.innerText);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.onend = stop;
    speech.speak(utterance);
    button.textContent = article.getAttribute("data-stop-label");
    button.setAttribute("aria-pressed", "true");
  }

  function offerButton() {
    if (button || !voiceFor()) { return; }
    button = document.createElement("button");
    button.type = "button";
    button.className = "read-aloud";
    button.setAttribute("aria-pressed", "false");
    button.textContent = article.getAttribute("data-read-label");
    button.addEventListener("click", function () {
      if (speech.speaking) { stop(); } else { read(); }
    });
    article.parentNode.insertBefore(button, article);
  }

  offerButton();
  // Many browsers load their voices after the page: look again when they arrive.
  if (typeof speech.addEventListener === "function") {
    speech.addEventListener("voiceschanged", offerButton);
  }
  window.addEventListener("pagehide", function () { speech.cancel(); });
})();
