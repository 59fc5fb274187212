// 北京市碳普惠信息公开 — the portal's only script: the elderly-friendly mode 长者模式 (适老化; docs/portal.md).
// Loaded in <head>, so the chosen mode applies before the page is painted; the choice is kept in localStorage
// (this browser only, nothing is sent to the server). Every page works without this script.
(function () {
  var KEY = 'portal-elder';
  var on = false;
  try { on = window.localStorage.getItem(KEY) === '1'; } catch (e) { /* storage blocked: the mode is per page */ }
  if (on) { document.documentElement.classList.add('elder'); }
  document.addEventListener('DOMContentLoaded', function () {
    var toggle = document.getElementById('elder-toggle');
    if (!toggle) { return; }
    toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
    toggle.addEventListener('click', function () {
      on = !on;
      document.documentElement.classList.toggle('elder', on);
      toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
      try { window.localStorage.setItem(KEY, on ? '1' : '0'); } catch (e) { /* kept for this page only */ }
    });
  });
})();
