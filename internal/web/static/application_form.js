// Intake form of 依申请公开: highlight the 条例第三十一条 rule of the chosen channel and mark
// the date that fixes the day of receipt as required. The form works without it.
(function () {
  "use strict";
  var channel = document.getElementById("channel");
  if (!channel) { return; }
  var dateFor = { in_person: "submitted", registered_mail: "signed_for" };
  function update() {
    var v = channel.value;
    document.querySelectorAll(".receipt-rules [data-channel]").forEach(function (el) {
      el.classList.toggle("current", el.getAttribute("data-channel") === v);
    });
    var need = dateFor[v] || "confirmed";
    ["submitted", "signed_for", "confirmed"].forEach(function (id) {
      var input = document.getElementById(id);
      if (input) { input.required = id === need; }
    });
  }
  channel.addEventListener("change", update);
  update();
})();
