/* Small enhancements; every feature works without this file.
   Photo lightbox (CSS :target): Esc closes it, ← and → move between photos. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var box = document.querySelector(".lightbox:target");
    if (!box) {
      return;
    }
    var selector = { Escape: "[data-lightbox-close]", ArrowLeft: "[data-lightbox-prev]", ArrowRight: "[data-lightbox-next]" }[event.key];
    var link = selector && box.querySelector(selector);
    if (link) {
      event.preventDefault();
      window.location.replace(link.getAttribute("href"));
    }
  });
})();
