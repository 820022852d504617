// The survey editor's preview: a survey as residents see it, every question with the resident
// web survey's own controls (/s/questions.js) and texts, in Swedish or English, questions
// showing and hiding by their show-if rules as they are answered. Nothing is sent or kept.
// The survey comes from the dashboard tab that opened this one (sessionStorage td.preview).
import { clear, el } from '/dom.js';
import { language, localized, setLanguage, t } from '/i18n.js';
import { visibleQuestions } from '/show-if.js';
import { renderQuestion } from '/s/questions.js';

const survey = JSON.parse(sessionStorage.getItem('td.preview') || 'null');
const answers = {};
const ui = {};
let places = [];

function localities() {
  const q = survey.sections.flatMap((s) => s.questions).find((x) => x.background === 'locality');
  return new Map((q?.choices ?? []).map((c) => [c.id, c.label]));
}

// Shows exactly the questions whose conditions hold for the answers given so far.
function applyVisibility() {
  const shown = visibleQuestions(survey, answers);
  for (const box of document.querySelectorAll('[data-question]')) box.hidden = !shown.has(box.dataset.question);
  for (const section of document.querySelectorAll('[data-section]'))
    section.hidden = ![...section.querySelectorAll('[data-question]')].some((b) => !b.hidden);
}

function render() {
  const main = document.getElementById('content');
  clear(main);
  document.title = `${t('preview.title')} – ${localized(survey.title)}`;
  main.append(el('h1', { text: localized(survey.title), attrs: { id: 'preview-title' } }));
  if (survey.intro) main.append(el('p', { className: 'intro', text: localized(survey.intro) }));
  const locality = localities();
  for (const section of survey.sections) {
    const box = el('section', { className: 'preview-section', attrs: { 'data-section': section.id, 'aria-labelledby': `s-${section.id}` } }, [
      el('h2', { className: 'preview-section-title', text: localized(section.title), attrs: { id: `s-${section.id}` } }),
    ]);
    for (const q of section.questions) {
      ui[q.id] ??= {};
      const control = renderQuestion(q, answers[q.id], {
        errors: [], places, localities: locality, ui: ui[q.id],
        onChange: (value) => {
          if (value === undefined) delete answers[q.id];
          else answers[q.id] = value;
          applyVisibility();
        },
      });
      box.append(el('div', { className: 'preview-question', attrs: { 'data-question': q.id } }, [control]));
    }
    main.append(box);
  }
  applyVisibility();
}

async function main() {
  await setLanguage(new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'sv', '/s/i18n');
  const main = document.getElementById('content');
  if (!survey) {
    main.append(el('p', { text: t('preview.missing') }));
    document.body.dataset.ready = 'true';
    return;
  }
  try {
    const res = await fetch('/api/v1/places', { headers: { Authorization: `Bearer ${sessionStorage.getItem('td.token')}` } });
    // As residents see it: retired places are not offered.
    if (res.ok) places = (await res.json()).places.filter((p) => !p.retired_at);
  } catch {
    // the place question then offers a position and a description only
  }
  const button = document.getElementById('language');
  const label = () => {
    button.textContent = language() === 'sv' ? 'English' : 'Svenska';
    button.lang = language() === 'sv' ? 'en' : 'sv';
  };
  label();
  button.addEventListener('click', async () => {
    await setLanguage(language() === 'sv' ? 'en' : 'sv', '/s/i18n');
    label();
    render();
  });
  render();
  document.body.dataset.ready = 'true';
}

main();
