// The page an enrolment link opens in a browser (/enrol#code=…): it tells the person to open
// the link in the app, and shows the server address and the code to type in. The code is in
// the fragment, which the browser never sends to the server.

const code = new URLSearchParams(location.hash.slice(1)).get('code') || '';
for (const lang of ['sv', 'en']) {
  document.getElementById(`enrol-server-${lang}`).textContent = location.origin;
  document.getElementById(`enrol-code-${lang}`).textContent = code || '–';
  document.getElementById(`enrol-missing-${lang}`).hidden = Boolean(code);
}
document.body.dataset.ready = 'true';
