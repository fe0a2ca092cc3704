// Wharf browse pages: the copy button of the install line. Uses the async clipboard API and
// falls back to selecting a hidden textarea with execCommand('copy') where that API is missing
// or refused; if both fail the text is left selected so the person can copy it by hand.
(function () {
  'use strict';

  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function show(button, label, copied) {
    button.textContent = label;
    button.classList.toggle('copied', copied);
    clearTimeout(button._reset);
    button._reset = setTimeout(function () {
      button.textContent = 'Copy';
      button.classList.remove('copied');
    }, 2500);
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-copy]');
    if (!button) return;
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) return;
    var text = source.textContent.trim();
    var done = function () { show(button, 'Copied', true); };
    var fallback = function () {
      if (fallbackCopy(text)) done();
      else { selectText(source); show(button, 'Press Ctrl+C', false); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, fallback);
    } else {
      fallback();
    }
  });
})();
