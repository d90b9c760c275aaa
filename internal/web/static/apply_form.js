// Application form of the portal: show only the section of the applicant type chosen
// (自然人: identity document; 法人或其他组织: credit code and contact person). Without
// JavaScript the form has a button that sends the type and gets the page back with its
// section; the server keeps only the fields of the chosen section either way.
(function () {
  "use strict";
  var kind = document.getElementById("kind");
  if (!kind) { return; }
  function update() {
    var org = kind.value !== "natural_person";
    var person = document.getElementById("section-person");
    var orgSection = document.getElementById("section-org");
    if (person) { person.hidden = org; }
    if (orgSection) { orgSection.hidden = !org; }
  }
  kind.addEventListener("change", update);
  update();
})();
