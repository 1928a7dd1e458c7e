// Quick exit for courses whose participants may be at risk (quick_exit: true).
// Without JavaScript the "Leave quickly" link is a plain link to a neutral site.
// With it, leaving replaces this page in the history, and moving around the
// course replaces the page too, so the course leaves at most one entry that
// "Back" could return to (form posts, such as a quiz, still add one).
(function () {
  "use strict";
  var exit = document.querySelector("a[data-quick-exit]");
  if (!exit) {
    return;
  }

  exit.addEventListener("click", function (event) {
    event.preventDefault();
    document.body.hidden = true; // hide the page at once, before the neutral site loads
    window.location.replace(exit.href);
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    var plainClick = event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
    if (!link || link === exit || event.defaultPrevented || !plainClick) {
      return;
    }
    if (link.origin !== window.location.origin || link.target || link.hasAttribute("download") || link.hash && link.pathname === window.location.pathname) {
      return;
    }
    event.preventDefault();
    window.location.replace(link.href);
  });
})();
