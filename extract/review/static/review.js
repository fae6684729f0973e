// ocop review: keyboard shortcuts. Every action is also a plain button or link; this only adds keys.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const typing = (el) => el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT");
  const click = (sel) => { const el = $(sel); if (el) { el.click(); return true; } return false; };
  const go = (sel) => { const a = $(sel); if (a) { window.location.href = a.href; } };

  // Enter in a field submits the action that field belongs to (the form's default button does nothing).
  const enterSubmits = { "older-as-of": "#both", "value": "#correct" };

  // "f" then a claim's number opens that claim's "fix this claim" fields (f alone when there is one claim).
  let fixing = false;
  const openFix = (n) => {
    const panel = document.getElementById(`fix-${n}-panel`);
    if (!panel) { return false; }
    panel.open = true;
    const first = document.getElementById(`fix-${n}-kind`);
    if (first) { first.focus(); }
    return true;
  };

  document.addEventListener("keydown", (ev) => {
    const target = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (typing(target)) {
      if (ev.key === "Escape") { target.blur(); ev.preventDefault(); }
      else if (ev.key === "Enter" && target.dataset.fix) { ev.preventDefault(); click(`#fix-${target.dataset.fix}-save`); }
      else if (ev.key === "Enter" && enterSubmits[target.id]) { ev.preventDefault(); click(enterSubmits[target.id]); }
      return;
    }
    const key = ev.key;
    let handled = true;
    if (fixing) {
      fixing = false;
      handled = /^[1-9]$/.test(key) && openFix(key);
      if (handled) { ev.preventDefault(); }
      return;
    }
    if (key === "f") {
      const panels = document.querySelectorAll("details.fix");
      if (panels.length === 1) { openFix(1); } else if (panels.length > 1) { fixing = true; }
    }
    else if (/^[1-9]$/.test(key)) { handled = click(`button[data-accept="${key}"]`); }
    else if (key === "b") {
      const when = $("#older-as-of");
      if (when && when.value.trim()) { click("#both"); } else if (when) { when.focus(); }
    }
    else if (key === "c") {
      const value = $("#value");
      if (value && value.value.trim()) { click("#correct"); } else if (value) { value.focus(); }
    }
    else if (key === "d") { click("#dismiss"); }
    else if (key === "n" || key === "j") { go("#next"); }
    else if (key === "p" || key === "k") { go("#prev"); }
    else if (key === "u") { const f = $("#undo"); if (f) { f.submit(); } }
    else if (key === "/") { const n = $("#note"); if (n) { n.focus(); } }
    else { handled = false; }
    if (handled) { ev.preventDefault(); }
  });

  // On the article page, bring the marked evidence into view.
  const evidence = document.getElementById("evidence");
  if (evidence) { evidence.scrollIntoView({ block: "center" }); }
})();
