// The reviewer workbench's only script: no framework, nothing fetched. Pages work without it; it adds
//  - evidence: a criterion or quote names evidence spans (data-evidence="ev-2-3535-3544 ..."); their <mark>s in the
//    record pane (data-spans lists the spans a mark is part of) get the "active" class and the first scrolls into view;
//  - a confirm() before signing (the server also requires the "I have read the letter" checkbox);
//  - the guideline and rationale fields become required when the chosen decision differs from the engine's;
//  - a busy label on a submitted form's button, so a slow step (drafting) is not posted twice;
//  - a form the server refused is scrolled into view.
(function () {
  "use strict";

  function marksOf(ids) {
    var wanted = new Set(ids);
    return Array.prototype.filter.call(document.querySelectorAll("mark.evidence"), function (mark) {
      return (mark.dataset.spans || "").split(" ").some(function (id) { return wanted.has(id); });
    });
  }

  function showEvidence(trigger) {
    var ids = (trigger.dataset.evidence || "").split(" ").filter(Boolean);
    document.querySelectorAll("mark.evidence.active").forEach(function (mark) { mark.classList.remove("active"); });
    document.querySelectorAll("[data-evidence].selected").forEach(function (element) {
      element.classList.remove("selected");
      element.removeAttribute("aria-pressed");
    });
    var marks = marksOf(ids);
    marks.forEach(function (mark) { mark.classList.add("active"); });
    trigger.classList.add("selected");
    if (trigger.tagName === "BUTTON") { trigger.setAttribute("aria-pressed", "true"); }
    var first = document.getElementById(ids[0]) || marks[0];
    if (first) { first.scrollIntoView({ block: "center", behavior: "auto" }); }
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-evidence]");
    if (!trigger) { return; }
    event.preventDefault();
    showEvidence(trigger);
  });

  function requireWhenReversing(form) {
    var engine = form.dataset.engine || "";
    var chosen = form.querySelector("input[name=decision]:checked");
    var reversing = !!chosen && chosen.value !== engine;
    ["guideline", "rationale"].forEach(function (name) {
      var field = form.querySelector("[name=" + name + "]");
      if (field) { field.required = reversing; }
    });
    form.classList.toggle("reversing", reversing);
  }

  document.querySelectorAll("form.decision-form").forEach(function (form) {
    requireWhenReversing(form);
    form.addEventListener("change", function () { requireWhenReversing(form); });
  });

  // A form the server refused comes back with its message: bring it into view in its pane.
  var problem = document.querySelector("[data-problem]");
  if (problem) { problem.scrollIntoView({ block: "center" }); }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    var button = form.querySelector("button[type=submit][data-busy]");
    if (button) {
      button.disabled = true;
      button.textContent = button.dataset.busy;
    }
  });
})();
