/*
 * ichigen console behaviour. The Content-Security-Policy allows scripts from 'self' only, so every
 * bit of page behaviour lives here (no inline scripts, no on* attributes, no hx-on).
 *  - htmx: sends the CSRF token from <meta name="_csrf"> as the header named in <meta name="_csrf_header">
 *    on every htmx request, and shows an alert when an htmx request fails.
 *  - [data-copy-target="#id"]: copies the value of that input to the clipboard.
 *  - form[data-confirm="…"]: asks before submitting.
 *  - select[data-kind-select] (the product form's 種別): shows only the elements whose data-kinds lists the
 *    chosen kind (e.g. the set components for SET). Without JavaScript every section stays visible.
 *  - input[data-keep-focus] (出荷検品): takes the focus back after a click elsewhere, so a barcode scanner always
 *    types into it; its text is selected on load so a scan replaces it.
 */
(function () {
  'use strict';

  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  document.addEventListener('htmx:configRequest', function (event) {
    var token = meta('_csrf');
    var header = meta('_csrf_header');
    if (token && header) {
      event.detail.headers[header] = token;
    }
  });

  function showError(text) {
    var container = document.getElementById('console-alerts');
    if (!container) {
      return;
    }
    var alert = document.createElement('div');
    alert.className = 'alert alert-danger alert-dismissible';
    alert.setAttribute('role', 'alert');
    alert.id = 'request-error';
    alert.textContent = text;
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close';
    close.setAttribute('data-bs-dismiss', 'alert');
    alert.appendChild(close);
    container.appendChild(alert);
  }

  document.addEventListener('htmx:responseError', function () {
    showError(document.body.getAttribute('data-error-message') || 'Error');
  });
  document.addEventListener('htmx:sendError', function () {
    showError(document.body.getAttribute('data-error-message') || 'Error');
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy-target]');
    if (!button) {
      return;
    }
    var input = document.querySelector(button.getAttribute('data-copy-target'));
    if (!input) {
      return;
    }
    input.select();
    var done = function () {
      var copied = button.getAttribute('data-copied-text');
      if (copied) {
        button.textContent = copied;
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () { /* selection stays for Ctrl+C */ });
    } else if (document.execCommand && document.execCommand('copy')) {
      done();
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  function showKindSections(select) {
    var kind = select.value;
    var form = select.form || document;
    form.querySelectorAll('[data-kinds]').forEach(function (section) {
      var kinds = section.getAttribute('data-kinds').split(' ');
      section.hidden = kinds.indexOf(kind) < 0;
    });
  }

  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('select[data-kind-select]')) {
      showKindSections(event.target);
    }
  });

  // a header checkbox with data-select-all="<selector>" ticks or clears every checkbox the selector finds
  document.addEventListener('change', function (event) {
    var all = event.target.closest && event.target.closest('[data-select-all]');
    if (all) {
      document.querySelectorAll(all.getAttribute('data-select-all')).forEach(function (box) {
        box.checked = all.checked;
      });
    }
  });

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('select[data-kind-select]').forEach(showKindSections);
    var scan = document.querySelector('input[data-keep-focus]');
    if (scan) {
      scan.focus();
      scan.select();
    }
  });

  document.addEventListener('click', function (event) {
    var scan = document.querySelector('input[data-keep-focus]');
    if (scan && !(event.target.closest && event.target.closest('a, button, input, select, textarea, label'))) {
      scan.focus();
    }
  });
})();
