/* Signaal's SCORM 1.2 script, copied into every exported package (platform/signaal/scorm/).
 *
 * The launch page (index.html, body[data-scorm-launch]) is what the learning system opens. It finds
 * the learning system's API, keeps the one SCORM session open while the course's pages open in its
 * frame, and reports: where the participant is (cmi.core.lesson_location), what they read and how
 * their quizzes went (cmi.suspend_data, to resume), the score and passed / failed / completed.
 * The course's pages report to the launch page; a quiz page grades itself in the browser.
 * Without a learning system, or opened without the launch page, the pages read as plain pages.
 */
(function () {
  "use strict";

  // --- Finding the API, as SCORM 1.2 asks: window.API in this window or a parent, else in the opener's.
  function findApiFrom(win) {
    for (var hops = 0; win && hops < 10; hops++) {
      try {
        if (win.API) { return win.API; }
      } catch (otherOrigin) { /* a frame of another site on the way up: look further up */ }
      if (!win.parent || win.parent === win) { return null; }
      win = win.parent;
    }
    return null;
  }

  function findApi() {
    return findApiFrom(window) || (window.opener ? findApiFrom(window.opener) : null);
  }

  function readJson(element, attribute) {
    return JSON.parse(element.getAttribute(attribute));
  }

  // --- The launch page: one SCORM session for the whole visit.
  function startCourse() {
    var plan = readJson(document.body, "data-plan");
    var frame = document.getElementById("signaal-content");
    var api = findApi();
    var connected = !!api && String(api.LMSInitialize("")) === "true";
    var startedAt = new Date().getTime();
    var finished = false;
    var resuming = false;
    // module id -> furthest page ("done" once its last page was read); module id -> [best %, ever passed,
    // last passed]; "module id/scenario id" -> 1 once a passing ending was reached.
    var state = { read: {}, quiz: {}, scenarios: {} };

    function get(element) { return connected ? String(api.LMSGetValue(element) || "") : ""; }
    function set(element, value) { if (connected) { api.LMSSetValue(element, String(value)); } }

    // The completion rule of learning/progress.py: every scenario played to a passing ending, and the
    // quiz passed (a module without a quiz: its last page read, if it has pages).
    function moduleDone(module) {
      var quiz = state.quiz[module.id];
      var scenariosDone = module.scenarios.every(function (id) { return state.scenarios[module.id + "/" + id]; });
      var rest = module.quiz ? !!(quiz && quiz[1]) : (!module.pages || state.read[module.id] === "done");
      return scenariosDone && rest;
    }

    function status() {
      var hasQuiz = false, done = true, lastFailed = false;
      plan.modules.forEach(function (module) {
        var quiz = state.quiz[module.id];
        hasQuiz = hasQuiz || module.quiz;
        done = done && moduleDone(module);
        lastFailed = lastFailed || !!(quiz && !quiz[1] && !quiz[2]);
      });
      if (done) { return hasQuiz ? "passed" : "completed"; }
      return lastFailed ? "failed" : "incomplete";
    }

    // The score: the mean of each quiz's best result, untried quizzes counting 0.
    function score() {
      var quizzes = plan.modules.filter(function (module) { return module.quiz; });
      var total = 0, tried = false;
      quizzes.forEach(function (module) {
        var quiz = state.quiz[module.id];
        if (quiz) { tried = true; total += quiz[0]; }
      });
      return tried ? Math.round(total / quizzes.length) : null;
    }

    function save(location) {
      if (location) { set("cmi.core.lesson_location", location); }
      set("cmi.suspend_data", JSON.stringify(state));
      var raw = score();
      if (raw !== null) {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", raw);
      }
      set("cmi.core.lesson_status", status());
      if (connected) { api.LMSCommit(""); }
    }

    function sessionTime() {
      var seconds = Math.floor((new Date().getTime() - startedAt) / 1000);
      function two(n) { return (n < 10 ? "0" : "") + n; }
      return two(Math.floor(seconds / 3600)) + ":" + two(Math.floor(seconds / 60) % 60) + ":" + two(seconds % 60);
    }

    function finish() {
      if (!connected || finished) { return; }
      finished = true;
      var complete = status() === "passed" || status() === "completed";
      set("cmi.core.session_time", sessionTime());
      set("cmi.core.exit", complete ? "" : "suspend");
      api.LMSCommit("");
      api.LMSFinish("");
    }

    if (connected) {
      try {
        var saved = JSON.parse(get("cmi.suspend_data") || "null");
        if (saved && saved.read && saved.quiz) { state = saved; state.scenarios = saved.scenarios || {}; }
      } catch (damaged) { /* start afresh rather than not at all */ }
      var resumeAt = get("cmi.core.lesson_location");
      // Resume only at a page of this package: the location comes from outside.
      if (plan.pages.indexOf(resumeAt) >= 0) { frame.src = resumeAt; resuming = true; }
      if (get("cmi.core.lesson_status") === "not attempted") { set("cmi.core.lesson_status", "incomplete"); }
    }

    window.signaalCourse = {
      opened: function (location, moduleId, page, pages, scenarioPassed) {
        if (scenarioPassed) { state.scenarios[moduleId + "/" + scenarioPassed] = 1; }
        if (moduleId && page) {
          var furthest = state.read[moduleId];
          if (furthest !== "done") {
            state.read[moduleId] = page >= pages ? "done" : Math.max(page, furthest || 0);
          }
        }
        save(location);
      },
      checked: function (moduleId, percent, passed) {
        var quiz = state.quiz[moduleId] || [0, 0, 0];
        state.quiz[moduleId] = [Math.max(quiz[0], percent), quiz[1] || (passed ? 1 : 0), passed ? 1 : 0];
        save(null);
      },
      finish: finish
    };
    // The first page may have loaded before this script ran: let it report now.
    if (!resuming) {
      try {
        if (frame.contentWindow && frame.contentWindow.signaalReport) { frame.contentWindow.signaalReport(); }
      } catch (otherOrigin) { /* not one of our pages */ }
    }
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
  }

  // --- A page of the course: tell the launch page where the participant is.
  function launchPage() {
    try {
      return window.parent !== window && window.parent.signaalCourse ? window.parent.signaalCourse : null;
    } catch (otherOrigin) {
      return null;
    }
  }

  function reportOpened(course) {
    var body = document.body;
    if (course && body.getAttribute("data-location")) {
      course.opened(body.getAttribute("data-location"), body.getAttribute("data-module"),
        Number(body.getAttribute("data-page") || 0), Number(body.getAttribute("data-pages") || 0),
        body.hasAttribute("data-scenario-passed") ? body.getAttribute("data-scenario") : null);
    }
  }

  // --- A quiz page: ask some of the questions, options in an order of their own, and grade here.
  function shuffled(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var kept = copy[i]; copy[i] = copy[j]; copy[j] = kept;
    }
    return copy;
  }

  function toArray(list) { return Array.prototype.slice.call(list); }

  function questionId(fieldset) {
    return fieldset.querySelector("input").name.replace(/^answer-/, "");
  }

  function startQuiz(form) {
    var key = readJson(form, "data-answer-key");
    var all = toArray(form.querySelectorAll("fieldset.question"));
    var asked = shuffled(all).slice(0, key.ask);
    var number = 0;
    all.forEach(function (fieldset) {
      var isAsked = asked.indexOf(fieldset) >= 0;
      fieldset.hidden = !isAsked;
      fieldset.disabled = !isAsked;
      if (!isAsked) { return; }
      fieldset.querySelector(".number").textContent = (++number) + ".";
      var options = toArray(fieldset.querySelectorAll(".option"));
      var after = options[options.length - 1].nextSibling;
      shuffled(options).forEach(function (option) { fieldset.insertBefore(option, after); });
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var shown = all.filter(function (fieldset) { return !fieldset.hidden; });
      var unanswered = shown.filter(function (fieldset) { return !fieldset.querySelector("input:checked"); });
      shown.forEach(function (fieldset) {
        fieldset.querySelector("[data-unanswered]").hidden = unanswered.indexOf(fieldset) < 0;
      });
      if (unanswered.length) {
        unanswered[0].querySelector("input").focus();
        return;
      }
      var right = 0;
      shown.forEach(function (fieldset) {
        var chosen = toArray(fieldset.querySelectorAll("input:checked")).map(function (input) { return Number(input.value); });
        var isRight = chosen.sort().join(",") === key.right[questionId(fieldset)].slice().sort().join(",");
        right += isRight ? 1 : 0;
        fieldset.querySelector("[data-feedback]").hidden = false;
        fieldset.querySelector('[data-verdict="right"]').hidden = !isRight;
        fieldset.querySelector('[data-verdict="wrong"]').hidden = isRight;
        fieldset.disabled = true;
      });
      // The pass rule of quizzes/grading.py: at least the pass mark, as a share of the questions asked.
      var passed = 100 * right >= key.passMark * shown.length;
      showResult(passed, key.scores[right]);
      var course = launchPage();
      if (course) { course.checked(key.module, key.percents[right], passed); }
    });
  }

  function showResult(passed, words) {
    var result = document.getElementById("quiz-result");
    toArray(result.querySelectorAll("[data-result]")).forEach(function (panel) {
      panel.hidden = panel.getAttribute("data-result") !== (passed ? "passed" : "failed");
      panel.querySelector("[data-score]").textContent = words;
    });
    document.querySelector('#signaal-quiz button[type="submit"]').hidden = true;
    var after = document.getElementById("quiz-after");
    toArray(after.querySelectorAll("[data-after]")).forEach(function (link) {
      link.hidden = link.getAttribute("data-after") !== (passed ? "passed" : "failed");
    });
    after.hidden = false;
    result.hidden = false;
    result.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.body.hasAttribute("data-scorm-launch")) {
      startCourse();
      return;
    }
    window.signaalReport = function () { reportOpened(launchPage()); };
    window.signaalReport();
    var form = document.getElementById("signaal-quiz");
    if (form) { startQuiz(form); }
  });
}());
