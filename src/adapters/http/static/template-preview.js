// The template editor's live preview: after a pause in typing, the form goes to the
// preview endpoint (the same checks as Save, nothing stored) and the text and HTML
// previews, or the error with its line and column, are replaced in place. Without
// JavaScript the Preview button does the same by posting the form.
/* global document, fetch, URLSearchParams, FormData, setTimeout, clearTimeout */
const form = document.getElementById('template-form');
const subject = document.getElementById('preview-subject');
const text = document.getElementById('preview-text');
const html = document.getElementById('preview-html');
const problem = document.getElementById('preview-error');
let timer;
let latest = 0;

async function refresh() {
  const asked = ++latest;
  const res = await fetch(form.dataset.preview, { method: 'POST', body: new URLSearchParams(new FormData(form)), credentials: 'same-origin' });
  if (asked !== latest) return; // a newer edit is already on its way
  const body = await res.json();
  problem.hidden = !body.error;
  problem.textContent = body.error ?? '';
  if (body.error) return;
  subject.textContent = body.subject;
  text.textContent = body.text;
  html.srcdoc = body.html;
}

form.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => refresh().catch((err) => { problem.hidden = false; problem.textContent = String(err); }), 300);
});
