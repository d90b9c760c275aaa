// The report's print page: a button that opens the browser's print dialog. The page prints
// without it (Ctrl+P).
(function () {
  "use strict";
  document.querySelectorAll(".js-print").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
