// The survey itself: one question per page with a progress bar, back and next, and a last page
// that sends. Show-if rules and checks come from the WebAssembly model (model.js); the first
// question shows before it has loaded. Every change is written to the draft at once.
import { clear, el } from '/dom.js';
import { language, localized, t } from '/i18n.js';
import { renderQuestion } from '/s/questions.js';

const REVIEW = '#review';

function pathIsUnder(path, questionId) {
  const base = `answers.${questionId}`;
  return path === base || path.startsWith(`${base}.`) || path.startsWith(`${base}[`);
}

export class SurveyForm {
  /// `data`: the web-survey endpoint's {campaign, survey, places}; `draft`: the stored draft;
  /// `save(draft)`: writes it; `finish(response)`: moves it to the outbox; `model`: a promise of
  /// the loaded model (model.js).
  constructor({ main, data, draft, save, finish, model }) {
    Object.assign(this, { main, data, draft, save, finish });
    this.questions = data.survey.sections.flatMap((s) => s.questions.map((q) => ({ ...q, section: s })));
    this.byId = new Map(this.questions.map((q) => [q.id, q]));
    // The place registry's locality ids are the choices of the survey's locality question.
    const locality = this.questions.find((q) => q.background === 'locality');
    this.localities = new Map((locality?.choices ?? []).map((c) => [c.id, c.label]));
    this.ui = {};
    this.errors = [];
    this.visible = null;
    this.model = null;
    this.modelReady = model.then((m) => {
      const loaded = m.load(data.survey, data.campaign);
      if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`);
      this.model = m;
      this.refreshVisible();
      this.updateProgress();
      return m;
    });
    this.modelReady.catch(() => {}); // shown by ready() when the resident goes on
  }

  refreshVisible() {
    if (this.model) this.visible = this.model.visible(this.draft.answers).visible;
  }

  /// The visible question ids, or null while the model loads.
  pages() {
    return this.visible;
  }

  currentId() {
    return this.draft.current ?? this.questions[0].id;
  }

  async show() {
    const id = this.currentId();
    if (id !== this.questions[0].id && !this.model) {
      this.renderWaiting();
      await this.ready();
    }
    if (this.visible && id !== REVIEW && !this.visible.includes(id)) this.draft.current = this.visible[0];
    this.render();
  }

  async ready() {
    try {
      await this.modelReady;
      return true;
    } catch {
      this.renderModelError();
      return false;
    }
  }

  renderWaiting() {
    clear(this.main);
    this.main.append(el('p', { className: 'loading', text: t('checking'), attrs: { role: 'status' } }));
  }

  renderModelError() {
    clear(this.main);
    const retry = el('button', { text: t('reload'), attrs: { type: 'button' } });
    retry.addEventListener('click', () => location.reload());
    this.main.append(el('h1', { text: t('modelError.title') }), el('p', { text: t('modelError.text') }), retry);
  }

  header() {
    const title = el('p', { className: 'survey-title', text: localized(this.data.campaign.name) });
    return title;
  }

  progress(index, total, label = t('progress', { index, total })) {
    return el('div', { className: 'progress' }, [
      el('p', { className: 'progress-text', text: label, attrs: { id: 'progress-text' } }),
      el('progress', { attrs: { max: String(total), value: String(index), 'aria-labelledby': 'progress-text' } }),
    ]);
  }

  // Once the model knows which questions show, the first page's count is corrected in place.
  updateProgress() {
    const id = this.currentId();
    const text = this.main.querySelector('.progress-text');
    const bar = this.main.querySelector('progress');
    if (id === REVIEW || !text || !bar || !this.visible?.includes(id)) return;
    const index = this.visible.indexOf(id) + 1;
    text.textContent = t('progress', { index, total: this.visible.length });
    bar.max = this.visible.length;
    bar.value = index;
  }

  render() {
    const id = this.currentId();
    if (id === REVIEW) return this.renderReview();
    const q = this.byId.get(id) ?? this.questions[0];
    const pages = this.pages();
    const index = pages ? pages.indexOf(q.id) + 1 : 1;
    // Until the model has loaded: the questions no condition can hide (corrected on load).
    const total = pages ? pages.length : this.questions.filter((x) => !x.show_if).length;
    clear(this.main);
    const page = el('form', { className: 'page', attrs: { novalidate: '', 'aria-labelledby': `q-${q.id}-title` } });
    page.append(this.header(), this.progress(index, total));
    if (index === 1 && this.data.survey.intro) page.append(el('p', { className: 'intro', text: localized(this.data.survey.intro) }));
    page.append(el('p', { className: 'section-title', text: localized(q.section.title) }));
    this.ui[q.id] ??= {};
    page.append(renderQuestion(q, this.draft.answers[q.id], {
      errors: this.errors,
      places: this.data.places,
      localities: this.localities,
      ui: this.ui[q.id],
      onChange: (value) => this.answer(q.id, value),
    }));
    const nav = el('div', { className: 'nav' });
    if (index > 1) {
      const back = el('button', { className: 'secondary', text: t('back'), attrs: { type: 'button', id: 'back' } });
      back.addEventListener('click', () => this.back());
      nav.append(back);
    }
    nav.append(el('button', { text: t('next'), attrs: { type: 'submit', id: 'next' } }));
    page.append(nav);
    page.addEventListener('submit', (event) => {
      event.preventDefault();
      this.next();
    });
    this.main.append(page);
  }

  focusTitle() {
    const title = this.main.querySelector('h1, h2[tabindex]');
    if (title) title.focus();
  }

  answer(id, value) {
    if (value === undefined) delete this.draft.answers[id];
    else this.draft.answers[id] = value;
    this.draft.locale = language();
    this.save(this.draft);
  }

  response(answers, submittedAt = new Date().toISOString()) {
    const c = this.data.campaign;
    return {
      id: this.draft.id,
      campaign_id: c.id,
      survey_id: c.survey_id,
      survey_version: c.survey_version,
      channel: 'web',
      submitted_at: submittedAt,
      locale: language(),
      answers,
    };
  }

  // The model's issues with the answer to question `id`, as the server would see them.
  issuesOf(id) {
    const verdict = this.model.check(this.response(this.draft.answers));
    if (verdict.ok) return [];
    const issues = verdict.issues?.length ? verdict.issues : [verdict.error];
    return issues.filter((i) => pathIsUnder(i.path, id));
  }

  async next() {
    const id = this.currentId();
    if (!this.model) {
      this.main.querySelector('#next')?.setAttribute('aria-busy', 'true');
      if (!(await this.ready())) return;
    }
    this.errors = this.issuesOf(id);
    if (this.errors.length) {
      this.render();
      this.focusTitle();
      return;
    }
    this.refreshVisible();
    const pages = this.pages();
    const at = pages.indexOf(id);
    this.go(at + 1 < pages.length ? pages[at + 1] : REVIEW);
  }

  back() {
    const pages = this.pages() ?? [];
    const id = this.currentId();
    const at = id === REVIEW ? pages.length : pages.indexOf(id);
    if (at > 0) this.go(pages[at - 1]);
  }

  go(id) {
    this.errors = [];
    this.draft.current = id;
    this.save(this.draft);
    this.render();
    this.focusTitle();
    window.scrollTo(0, 0);
  }

  renderReview() {
    clear(this.main);
    const pages = this.pages() ?? [];
    const answered = pages.filter((id) => this.draft.answers[id] !== undefined).length;
    const page = el('form', { className: 'page', attrs: { novalidate: '', 'aria-labelledby': 'review-title' } });
    page.append(this.header(), this.progress(pages.length, pages.length, t('progressDone')));
    page.append(
      el('h2', { text: t('review.title'), attrs: { id: 'review-title', tabindex: '-1' } }),
      el('p', { text: t('review.answered', { answered, total: pages.length }) }),
      el('p', { text: t('review.text') }),
    );
    if (this.errors.length) {
      const box = el('div', { className: 'error', attrs: { id: 'review-error' } });
      for (const issue of this.errors) box.append(el('p', { text: t('review.problem', { message: issue.message }) }));
      page.append(box);
    }
    const nav = el('div', { className: 'nav' });
    const back = el('button', { className: 'secondary', text: t('back'), attrs: { type: 'button', id: 'back' } });
    back.addEventListener('click', () => this.back());
    nav.append(back, el('button', { text: t('send'), attrs: { type: 'submit', id: 'send' } }));
    page.append(nav);
    page.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.main.append(page);
  }

  async submit() {
    if (!this.model && !(await this.ready())) return;
    const answers = { ...this.draft.answers };
    for (const id of this.model.visible(answers).hidden_answers) delete answers[id];
    const response = this.response(answers);
    const verdict = this.model.check(response);
    if (!verdict.ok) {
      // Back to the first question with a problem; anything else is shown here.
      const issues = verdict.issues?.length ? verdict.issues : [verdict.error];
      const first = this.pages().find((id) => issues.some((i) => pathIsUnder(i.path, id)));
      if (first) {
        this.draft.current = first;
        this.errors = issues.filter((i) => pathIsUnder(i.path, first));
        this.render();
      } else {
        this.errors = issues;
        this.renderReview();
      }
      this.focusTitle();
      return;
    }
    await this.finish(response);
  }

  /// Another tab took the draft: nothing here may change it any more.
  disable() {
    for (const control of this.main.querySelectorAll('input, textarea, button, select')) control.disabled = true;
  }
}
