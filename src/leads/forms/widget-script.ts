import { HONEYPOT_FIELD, PAGE_FIELD, REFERRER_FIELD } from './web-form-posts.service';
import { thankYouOf } from './web-forms.service';
import type { WebForm } from './web-form.entity';

/** JSON safe inside a script: no `</script>` and no line separators that end a JS string early. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * `GET /forms/:key/widget.js`: a dependency-free script (ES2017, no framework) that renders the form into the host
 * page and posts it with fetch as JSON. Where: the element with `data-vinculo-form="<key>"`, else a div inserted
 * where the script tag is. It adds the honeypot (hidden from people and assistive technology), the page URL and
 * referrer (UTM parameters come from the page URL), shows each field's error beside it, and the thank-you message
 * (or goes to the redirect URL) after success. Everything it shows is set as text, never as HTML.
 */
export function widgetScript(form: WebForm): string {
  const config = {
    key: form.publicKey,
    fields: form.fields.map(({ name, label, type, required, options }) => ({ name, label, type, required, options })),
    thankYou: thankYouOf(form),
    redirectUrl: form.redirectUrl,
    honeypot: HONEYPOT_FIELD,
    page: PAGE_FIELD,
    referrer: REFERRER_FIELD,
  };
  return `/* Vinculo web form widget: ${form.publicKey} */
(function () {
  'use strict';
  var C = ${scriptJson(config)};
  var script = document.currentScript;
  var base = script && script.src ? new URL(script.src).origin : '';
  var postUrl = base + '/forms/' + encodeURIComponent(C.key);
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (text != null) node.textContent = text;
    return node;
  }
  function mount() {
    var host = document.querySelector('[data-vinculo-form="' + C.key + '"]');
    if (!host) {
      host = el('div', { 'data-vinculo-form': C.key });
      if (script && script.parentNode) script.parentNode.insertBefore(host, script);
      else document.body.appendChild(host);
    }
    var form = el('form', { 'class': 'vinculo-form', novalidate: '' });
    var errors = {};
    C.fields.forEach(function (f) {
      var id = 'vf-' + C.key.slice(0, 8) + '-' + f.name;
      var row = el('div', { 'class': 'vinculo-field', 'data-field': f.name });
      row.appendChild(el('label', { 'for': id }, f.label + (f.required ? ' *' : '')));
      var input;
      if (f.type === 'TEXTAREA') input = el('textarea', { id: id, name: f.name, rows: '4' });
      else if (f.type === 'SELECT') {
        input = el('select', { id: id, name: f.name });
        input.appendChild(el('option', { value: '' }, ''));
        f.options.forEach(function (o) { input.appendChild(el('option', { value: o }, o)); });
      } else input = el('input', { id: id, name: f.name, type: f.type === 'EMAIL' ? 'email' : f.type === 'PHONE' ? 'tel' : 'text' });
      if (f.required) input.setAttribute('required', '');
      row.appendChild(input);
      var error = el('div', { 'class': 'vinculo-error', role: 'alert', 'data-error-for': f.name });
      errors[f.name] = error;
      row.appendChild(error);
      form.appendChild(row);
    });
    // The honeypot: off screen, out of the tab order, hidden from screen readers; bots fill it, people don't.
    var trap = el('div', { 'aria-hidden': 'true', style: 'position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden' });
    trap.appendChild(el('input', { type: 'text', name: C.honeypot, tabindex: '-1', autocomplete: 'off', value: '' }));
    form.appendChild(trap);
    var general = el('div', { 'class': 'vinculo-error vinculo-form-error', role: 'alert' });
    form.appendChild(general);
    var button = el('button', { type: 'submit' }, 'Send');
    form.appendChild(button);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      Object.keys(errors).forEach(function (name) { errors[name].textContent = ''; });
      general.textContent = '';
      var body = {};
      C.fields.forEach(function (f) { body[f.name] = form.elements[f.name].value; });
      body[C.honeypot] = form.elements[C.honeypot].value;
      body[C.page] = window.location.href;
      body[C.referrer] = document.referrer || '';
      button.disabled = true;
      fetch(postUrl, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (answer) { return { ok: response.ok, answer: answer }; });
        })
        .then(function (result) {
          button.disabled = false;
          if (result.ok) {
            if (C.redirectUrl) { window.location.href = C.redirectUrl; return; }
            var thanks = el('div', { 'class': 'vinculo-thank-you', role: 'status' }, (result.answer && result.answer.message) || C.thankYou);
            form.parentNode.replaceChild(thanks, form);
            return;
          }
          var problem = result.answer && result.answer.errors && result.answer.errors[0];
          var fields = (problem && problem.extensions && problem.extensions.fields) || [];
          var shown = false;
          fields.forEach(function (p) { if (errors[p.path]) { errors[p.path].textContent = p.message; shown = true; } });
          if (!shown) general.textContent = (problem && problem.message) || 'The form could not be sent; please try again.';
        })
        .catch(function () {
          button.disabled = false;
          general.textContent = 'The form could not be sent; please check your connection and try again.';
        });
    });
    host.appendChild(form);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
`;
}
