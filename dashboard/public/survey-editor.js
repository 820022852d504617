// The survey editor's form: the survey's texts, its sections and their questions with every
// field of the survey format (docs/survey-format.md), moved up and down, added and removed.
// Each field's id is its JSON path (fieldId), so a validation issue shows beside the field it
// names. Edits change `state.survey` in place; structural edits draw the form again.
//
// state: { survey, readOnly, lockedIds: Set of question ids fixed by a published version,
//          lockedChoices: Map question id → Set of choice ids, issues: [{path, text}] }

import { confirmDialog } from './confirm-dialog.js';
import { el } from './dom.js';
import { localized, t } from './i18n.js';
import { ExpressionError, formatRelevant, parseRelevant } from './show-if.js';

const TYPES = ['scale', 'single', 'multi', 'yes_no', 'number', 'text', 'place'];
const FOCUS_AREAS = ['general', 'drugs', 'traffic', 'close_violence', 'economic_crime', 'unsafe_places'];
const BACKGROUNDS = ['age_band', 'gender', 'locality'];
const TIMES_OF_DAY = ['morning', 'day', 'evening', 'night'];
export const ID = /^[a-z0-9_]{1,64}$/;

/// The element id of the field at a survey JSON path, e.g. sections[0].questions[2].text.sv.
export function fieldId(path) {
  return `f-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

const emptyText = () => ({ sv: '', en: '' });

/// A new question of `type` with the id `id` and the defaults a coordinator starts from.
export function newQuestion(type, id) {
  const q = { id, type, text: emptyText(), focus_area: 'general', required: false };
  if (type === 'scale') {
    const labels = [['Mycket trygg', 'Very safe'], ['Ganska trygg', 'Fairly safe'], ['Ganska otrygg', 'Fairly unsafe'], ['Mycket otrygg', 'Very unsafe']];
    Object.assign(q, { points: labels.map(([sv, en], i) => ({ value: i + 1, label: { sv, en } })), dont_know: true, negative: [3, 4] });
  } else if (type === 'single' || type === 'multi') {
    q.choices = [{ id: 'alt_1', label: emptyText() }, { id: 'alt_2', label: emptyText() }];
  } else if (type === 'number') Object.assign(q, { min: 0, max: 10, integer: true });
  else if (type === 'text') q.max_length = 1000;
  else if (type === 'place') Object.assign(q, { max_places: 3, times_of_day: [...TIMES_OF_DAY], reasons: [] });
  return q;
}

/// Problems the page can see before the server does: empty texts, malformed and repeated
/// ids. Issues in the server's form ({path, code}).
export function localIssues(survey) {
  const issues = [];
  const text = (value, path, optional = false) => {
    if (optional && !value) return;
    for (const lang of ['sv', 'en']) if (!value?.[lang]?.trim()) issues.push({ path: `${path}.${lang}`, code: 'empty_text' });
  };
  const ids = (items, path) => {
    const seen = new Set();
    items.forEach((item, i) => {
      const id = String(item.id);
      if (!ID.test(id)) issues.push({ path: `${path}[${i}].id`, code: 'bad_id' });
      else if (seen.has(id)) issues.push({ path: `${path}[${i}].id`, code: 'duplicate_id' });
      seen.add(id);
    });
  };
  text(survey.title, 'title');
  text(survey.intro, 'intro', true);
  ids(survey.sections, 'sections');
  const questionIds = new Set();
  survey.sections.forEach((s, si) => {
    const sp = `sections[${si}]`;
    text(s.title, `${sp}.title`);
    s.questions.forEach((q, qi) => {
      const qp = `${sp}.questions[${qi}]`;
      if (!ID.test(q.id)) issues.push({ path: `${qp}.id`, code: 'bad_id' });
      else if (questionIds.has(q.id)) issues.push({ path: `${qp}.id`, code: 'duplicate_id' });
      questionIds.add(q.id);
      text(q.text, `${qp}.text`);
      text(q.help, `${qp}.help`, true);
      for (const key of ['choices', 'reasons']) {
        if (!q[key]) continue;
        ids(q[key], `${qp}.${key}`);
        q[key].forEach((c, ci) => text(c.label, `${qp}.${key}[${ci}].label`));
      }
      (q.points || []).forEach((p, pi) => text(p.label, `${qp}.points[${pi}].label`));
    });
  });
  return issues;
}

// A show-if condition in words, in the page's language, e.g. «Trygg på kvällen?» = Ganska
// otrygg or Mycket otrygg.
export function describeCondition(condition, questions, nested = false) {
  const wrap = (text) => (nested ? `(${text})` : text);
  if (condition.all) return wrap(condition.all.map((c) => describeCondition(c, questions, true)).join(` ${t('surveys.and')} `));
  if (condition.any) return wrap(condition.any.map((c) => describeCondition(c, questions, true)).join(` ${t('surveys.or')} `));
  if (condition.not) return `${t('surveys.not')} (${describeCondition(condition.not, questions)})`;
  const q = questions.get(condition.question);
  const text = localized(q?.text) || condition.question;
  const name = `«${text.length > 60 ? `${text.slice(0, 59)}…` : text}»`;
  const value = (v) => {
    if (typeof v === 'boolean') return t(v ? 'surveys.yes' : 'surveys.no');
    const option = (q?.points || []).find((p) => p.value === v) || (q?.choices || []).find((c) => c.id === v);
    return option ? localized(option.label) : String(v);
  };
  if (condition.answered !== undefined) return `${name} ${t(condition.answered ? 'surveys.isAnswered' : 'surveys.isUnanswered')}`;
  if (condition.includes !== undefined) return `${name} ${t('surveys.includes')} ${value(condition.includes)}`;
  if (condition.in) return `${name} = ${condition.in.map(value).join(` ${t('surveys.or')} `)}`;
  return `${name} = ${value(condition.equals)}`;
}

function move(list, from, to) {
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
}

export class SurveyEditor {
  /// `root`: the element to draw in; `state` as above; `onDirty()` after every edit.
  constructor(root, state, onDirty) {
    Object.assign(this, { root, state, onDirty });
  }

  get survey() {
    return this.state.survey;
  }

  changed() {
    this.onDirty();
  }

  // Draws the form again and puts the focus on the element with id `focusId`, if any.
  redraw(focusId) {
    this.changed();
    this.render();
    const target = focusId && document.getElementById(focusId);
    if (target) {
      for (let d = target.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
      target.focus();
    }
  }

  issueAt(path) {
    return this.state.issues.filter((i) => i.path === path);
  }

  // A label with its control; the control's id is the field's path. An issue at the path is
  // shown under it and described by it.
  field(path, label, control, { hint } = {}) {
    const id = fieldId(path);
    control.id = id;
    const described = [];
    const parts = [el('span', { text: label })];
    const out = el('div', { className: 'field' }, [el('label', { attrs: { for: id } }, parts), control]);
    if (hint) {
      out.append(el('p', { className: 'note field-hint', text: hint, attrs: { id: `${id}-hint` } }));
      described.push(`${id}-hint`);
    }
    const issues = this.issueAt(path);
    if (issues.length) {
      out.classList.add('has-issue');
      out.append(el('p', { className: 'field-error', text: issues.map((i) => i.text).join(' '), attrs: { id: `${id}-error` } }));
      described.push(`${id}-error`);
      control.setAttribute('aria-invalid', 'true');
    }
    if (described.length) control.setAttribute('aria-describedby', described.join(' '));
    if (this.state.readOnly) {
      if (control.tagName === 'SELECT' || control.type === 'checkbox') control.disabled = true;
      else control.readOnly = true;
    }
    return out;
  }

  input(path, label, get, set, attrs = {}, options = {}) {
    const input = el('input', { attrs: { type: 'text', autocomplete: 'off', ...attrs } });
    input.value = get() ?? '';
    input.addEventListener('input', () => {
      set(input.value);
      this.changed();
    });
    return this.field(path, label, input, options);
  }

  textarea(path, label, get, set) {
    const area = el('textarea', { attrs: { rows: '2' } });
    area.value = get() ?? '';
    area.addEventListener('input', () => {
      set(area.value);
      this.changed();
    });
    return this.field(path, label, area);
  }

  number(path, label, get, set, attrs = {}) {
    const input = el('input', { attrs: { type: 'number', inputmode: 'decimal', ...attrs } });
    input.value = String(get() ?? '');
    input.addEventListener('input', () => {
      const value = input.value.trim() === '' ? undefined : Number(input.value);
      set(Number.isFinite(value) ? value : undefined);
      this.changed();
    });
    return this.field(path, label, input);
  }

  checkbox(path, label, get, set) {
    const box = el('input', { attrs: { type: 'checkbox' } });
    box.checked = Boolean(get());
    box.addEventListener('change', () => {
      set(box.checked);
      this.changed();
    });
    const id = fieldId(path);
    box.id = id;
    if (this.state.readOnly) box.disabled = true;
    const issues = this.issueAt(path);
    const out = el('div', { className: 'tick field' }, [box, el('label', { text: label, attrs: { for: id } })]);
    if (issues.length) {
      out.append(el('p', { className: 'field-error', text: issues.map((i) => i.text).join(' '), attrs: { id: `${id}-error` } }));
      box.setAttribute('aria-describedby', `${id}-error`);
      box.setAttribute('aria-invalid', 'true');
    }
    return out;
  }

  select(path, label, values, labelOf, get, set) {
    const select = el('select');
    for (const v of values) select.append(new Option(labelOf(v), v));
    select.value = get() ?? '';
    select.addEventListener('change', () => {
      set(select.value);
      this.changed();
    });
    return this.field(path, label, select);
  }

  // Swedish and English side by side for the Text at `path` of `owner[key]`.
  texts(path, label, owner, key, { optional = false, long = false } = {}) {
    const make = long ? this.textarea.bind(this) : this.input.bind(this);
    const set = (lang) => (value) => {
      owner[key] ??= emptyText();
      owner[key][lang] = value;
      if (optional && !owner[key].sv && !owner[key].en) delete owner[key];
    };
    return el('div', { className: 'text-pair' }, [
      make(`${path}.sv`, t('surveys.inSwedish', { field: label }), () => owner[key]?.sv, set('sv')),
      make(`${path}.en`, t('surveys.inEnglish', { field: label }), () => owner[key]?.en, set('en')),
    ]);
  }

  // Up, down and remove for item `i` of `list`; `what` names the item for screen readers.
  itemButtons(list, i, what, idBase, onRemove, kind = 'choice') {
    if (this.state.readOnly) return null;
    const button = (key, cls, disabled, act) => {
      const label = t(`surveys.${key}.${kind}`);
      const b = el('button', {
        className: `secondary icon ${cls}`, text: label,
        attrs: { type: 'button', id: `${idBase}-${cls}`, 'aria-label': `${label}: ${what}` },
      });
      if (disabled) b.disabled = true;
      b.addEventListener('click', act);
      return b;
    };
    return el('div', { className: 'item-buttons' }, [
      button('moveUp', 'up', i === 0, () => { move(list, i, i - 1); this.redraw(`${idBase.replace(/-\d+$/, '')}-${i - 1}-up`); }),
      button('moveDown', 'down', i === list.length - 1, () => { move(list, i, i + 1); this.redraw(`${idBase.replace(/-\d+$/, '')}-${i + 1}-down`); }),
      button('remove', 'remove', false, onRemove ?? (() => { list.splice(i, 1); this.redraw(); })),
    ]);
  }

  // The choice list of `q[key]` (choices or reasons) with the flags that apply to each.
  choiceList(q, qp, key, locked) {
    const list = q[key];
    const flags = [];
    if (key === 'choices' && q.type === 'single') flags.push('negative');
    if (key === 'choices' && q.type === 'multi') flags.push('exclusive');
    if (key === 'choices') flags.push('non_substantive');
    const rows = list.map((c, ci) => {
      const cp = `${qp}.${key}[${ci}]`;
      const fixed = locked.has(c.id);
      const idInput = this.input(`${cp}.id`, t('surveys.choiceId'), () => c.id, (v) => {
        for (const flag of flags) if (q[flag]) q[flag] = q[flag].map((x) => (x === c.id ? v : x));
        c.id = v;
      }, fixed ? { readonly: '' } : { spellcheck: 'false' });
      const boxes = flags.map((flag) => this.checkbox(`${cp}.${flag}`, t(`surveys.flag.${flag}`), () => (q[flag] || []).includes(c.id), (on) => {
        const set = new Set(q[flag] || []);
        if (on) set.add(c.id);
        else set.delete(c.id);
        const ordered = list.map((x) => x.id).filter((x) => set.has(x));
        if (ordered.length) q[flag] = ordered;
        else delete q[flag];
      }));
      return el('div', { className: 'choice-row', attrs: { id: fieldId(cp) } }, [
        idInput,
        this.texts(`${cp}.label`, t('surveys.choiceLabel'), c, 'label'),
        el('div', { className: 'flags' }, boxes),
        this.itemButtons(list, ci, `${c.id}`, `${fieldId(qp)}-${key}-${ci}`, () => {
          list.splice(ci, 1);
          for (const flag of flags) if (q[flag]) {
            q[flag] = q[flag].filter((x) => x !== c.id);
            if (!q[flag].length) delete q[flag];
          }
          this.redraw();
        }),
      ]);
    });
    const box = el('fieldset', { className: 'choices', attrs: { id: fieldId(`${qp}.${key}`) } }, [
      el('legend', { text: t(`surveys.${key}`) }), ...rows,
    ]);
    if (!this.state.readOnly) {
      const add = el('button', { className: 'secondary add-choice', text: t(key === 'choices' ? 'surveys.addChoice' : 'surveys.addReason'), attrs: { type: 'button', id: `${fieldId(qp)}-add-${key}` } });
      add.addEventListener('click', () => {
        let n = list.length + 1;
        while (list.some((c) => c.id === `alt_${n}`)) n += 1;
        list.push({ id: `alt_${n}`, label: emptyText() });
        this.redraw(fieldId(`${qp}.${key}[${list.length - 1}].id`));
      });
      box.append(add);
    }
    for (const issue of this.issueAt(`${qp}.${key}`)) box.append(el('p', { className: 'field-error', text: issue.text }));
    return box;
  }

  scalePoints(q, qp) {
    const rows = q.points.map((p, pi) => {
      const pp = `${qp}.points[${pi}]`;
      return el('div', { className: 'choice-row', attrs: { id: fieldId(pp) } }, [
        el('p', { className: 'point-value', text: t('surveys.pointValue', { value: p.value }), attrs: { id: fieldId(`${pp}.value`) } }),
        this.texts(`${pp}.label`, t('surveys.pointLabel'), p, 'label'),
        el('div', { className: 'flags' }, [this.checkbox(`${qp}.negative[${pi}]`, t('surveys.flag.negative'), () => (q.negative || []).includes(p.value), (on) => {
          const set = new Set(q.negative || []);
          if (on) set.add(p.value);
          else set.delete(p.value);
          const ordered = q.points.map((x) => x.value).filter((v) => set.has(v));
          if (ordered.length) q.negative = ordered;
          else delete q.negative;
        })]),
      ]);
    });
    const box = el('fieldset', { className: 'choices', attrs: { id: fieldId(`${qp}.points`) } }, [el('legend', { text: t('surveys.points') }), ...rows]);
    for (const issue of this.state.issues.filter((i) => i.path === `${qp}.points` || i.path.startsWith(`${qp}.points[`) && i.path.endsWith('.value')))
      box.append(el('p', { className: 'field-error', text: issue.text }));
    if (!this.state.readOnly) {
      const add = el('button', { className: 'secondary add-point', text: t('surveys.addPoint'), attrs: { type: 'button', id: `${fieldId(qp)}-add-point` } });
      add.addEventListener('click', () => {
        q.points.push({ value: q.points.length + 1, label: emptyText() });
        this.redraw(fieldId(`${qp}.points[${q.points.length - 1}].label.sv`));
      });
      const remove = el('button', { className: 'secondary remove-point', text: t('surveys.removePoint'), attrs: { type: 'button', id: `${fieldId(qp)}-remove-point` } });
      remove.disabled = q.points.length <= 2;
      remove.addEventListener('click', () => {
        const gone = q.points.pop();
        if (q.negative) {
          q.negative = q.negative.filter((v) => v !== gone.value);
          if (!q.negative.length) delete q.negative;
        }
        this.redraw(`${fieldId(qp)}-add-point`);
      });
      box.append(el('div', { className: 'item-buttons' }, [add, remove]));
    }
    box.append(this.checkbox(`${qp}.dont_know`, t('surveys.dontKnow'), () => q.dont_know, (v) => { q.dont_know = v; }));
    return box;
  }

  typeFields(q, qp) {
    const locked = this.state.lockedChoices.get(q.id) ?? new Set();
    switch (q.type) {
      case 'scale':
        return [this.scalePoints(q, qp)];
      case 'single':
        return [this.choiceList(q, qp, 'choices', locked)];
      case 'multi':
        return [
          this.choiceList(q, qp, 'choices', locked),
          this.number(`${qp}.max_choices`, t('surveys.maxChoices'), () => q.max_choices, (v) => {
            if (v === undefined) delete q.max_choices;
            else q.max_choices = v;
          }, { min: '1', step: '1' }),
        ];
      case 'yes_no':
        return [this.select(`${qp}.negative`, t('surveys.yesNoNegative'), ['', 'true', 'false'], (v) => t(`surveys.yesNoNegative.${v || 'none'}`),
          () => (q.negative === undefined ? '' : String(q.negative)), (v) => {
            if (v === '') delete q.negative;
            else q.negative = v === 'true';
          })];
      case 'number':
        return [el('div', { className: 'field-row' }, [
          this.number(`${qp}.min`, t('surveys.min'), () => q.min, (v) => { q.min = v ?? 0; }),
          this.number(`${qp}.max`, t('surveys.max'), () => q.max, (v) => { q.max = v ?? 0; }),
          this.checkbox(`${qp}.integer`, t('surveys.integer'), () => q.integer, (v) => { q.integer = v; }),
        ])];
      case 'text':
        return [this.number(`${qp}.max_length`, t('surveys.maxLength'), () => q.max_length, (v) => { q.max_length = v ?? 0; }, { min: '1', max: '4000', step: '1' })];
      case 'place':
        return [
          this.number(`${qp}.max_places`, t('surveys.maxPlaces'), () => q.max_places, (v) => { q.max_places = v ?? 0; }, { min: '1', max: '20', step: '1' }),
          el('fieldset', { className: 'times', attrs: { id: fieldId(`${qp}.times_of_day`) } }, [
            el('legend', { text: t('surveys.timesOfDay') }),
            ...TIMES_OF_DAY.map((time) => this.checkbox(`${qp}.times_of_day.${time}`, t(`surveys.time.${time}`), () => q.times_of_day.includes(time), (on) => {
              const set = new Set(q.times_of_day);
              if (on) set.add(time);
              else set.delete(time);
              q.times_of_day = TIMES_OF_DAY.filter((x) => set.has(x));
            })),
            ...this.issueAt(`${qp}.times_of_day`).map((i) => el('p', { className: 'field-error', text: i.text })),
          ]),
          this.choiceList(q, qp, 'reasons', new Set()),
          el('p', { className: 'note', text: t('surveys.placeNote') }),
        ];
      default:
        return [];
    }
  }

  // The show-if rule as a `relevant` expression over the questions before this one.
  showIf(q, qp, earlier) {
    const input = el('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false' } });
    input.value = formatRelevant(q.show_if);
    const path = `${qp}.show_if`;
    const local = el('p', { className: 'field-error', attrs: { id: `${fieldId(path)}-parse`, hidden: '' } });
    const reading = el('p', { className: 'note show-if-reading', attrs: { id: `${fieldId(path)}-reading`, 'aria-live': 'polite' } });
    const read = () => {
      reading.textContent = q.show_if ? t('surveys.showsWhen', { condition: describeCondition(q.show_if, earlier) }) : '';
    };
    read();
    input.addEventListener('change', () => {
      local.hidden = true;
      input.removeAttribute('aria-invalid');
      try {
        const condition = parseRelevant(input.value, earlier);
        if (condition) q.show_if = condition;
        else delete q.show_if;
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        local.textContent = t(`xlsform.error.${err.code}`, { ...err.params, value: input.value });
        local.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        this.state.pendingExpressions.add(q);
        this.changed();
        return;
      }
      this.state.pendingExpressions.delete(q);
      read();
      this.changed();
    });
    const out = this.field(path, t('surveys.showIf'), input, { hint: t('surveys.showIfHint') });
    input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') || ''} ${local.id}`.trim());
    out.append(reading, local);
    for (const issue of this.state.issues.filter((i) => i.path.startsWith(`${path}.`)))
      out.append(el('p', { className: 'field-error', text: issue.text }));
    return out;
  }

  question(section, si, q, qi, earlier) {
    const qp = `sections[${si}].questions[${qi}]`;
    const fixed = this.state.lockedIds.has(q.id);
    const hasIssue = this.state.issues.some((i) => i.path === qp || i.path.startsWith(`${qp}.`));
    const idField = this.input(`${qp}.id`, t('surveys.questionId'), () => q.id, (v) => { q.id = v; },
      fixed ? { readonly: '' } : { spellcheck: 'false' }, { hint: this.state.readOnly ? undefined : fixed ? t('surveys.idLocked') : t('surveys.idHint') });
    const typeField = fixed || this.state.readOnly
      ? el('p', { className: 'type-fixed', text: t('surveys.typeIs', { type: t(`surveys.type.${q.type}`) }) })
      : this.select(`${qp}.type`, t('surveys.type'), TYPES, (v) => t(`surveys.type.${v}`), () => q.type, (v) => {
        // The texts, focus area, rule and flags stay; the fields of the old type go.
        const kept = Object.fromEntries(['text', 'help', 'focus_area', 'required', 'show_if', 'background']
          .filter((key) => q[key] !== undefined).map((key) => [key, q[key]]));
        const fresh = newQuestion(v, q.id);
        for (const key of Object.keys(q)) delete q[key];
        Object.assign(q, fresh, kept);
        this.redraw(fieldId(`${qp}.type`));
      });
    const summaryText = `${q.id} · ${t(`surveys.type.${q.type}`)}`;
    const body = el('div', { className: 'question-body' }, [
      el('div', { className: 'field-row' }, [idField, typeField]),
      this.texts(`${qp}.text`, t('surveys.questionText'), q, 'text', { long: true }),
      this.texts(`${qp}.help`, t('surveys.help'), q, 'help', { optional: true }),
      el('div', { className: 'field-row' }, [
        this.select(`${qp}.focus_area`, t('surveys.focusArea'), FOCUS_AREAS, (v) => t(`surveys.focus.${v}`), () => q.focus_area, (v) => { q.focus_area = v; }),
        this.select(`${qp}.background`, t('surveys.background'), ['', ...BACKGROUNDS], (v) => t(`surveys.background.${v || 'none'}`), () => q.background ?? '', (v) => {
          if (v) q.background = v;
          else delete q.background;
        }),
        this.checkbox(`${qp}.required`, t('surveys.required'), () => q.required, (v) => { q.required = v; }),
      ]),
      ...this.typeFields(q, qp),
      this.showIf(q, qp, earlier),
      this.itemButtons(section.questions, qi, q.id, `${fieldId(qp)}`, async () => {
        const ok = await confirmDialog({
          id: 'remove-question-dialog', title: t('surveys.removeQuestionTitle', { id: q.id }),
          paragraphs: [t(fixed ? 'surveys.removePublishedText' : 'surveys.removeQuestionText')],
          confirmLabel: t('surveys.remove'), cancelLabel: t('surveys.cancel'),
        });
        if (!ok) return;
        section.questions.splice(qi, 1);
        this.redraw(`${fieldId(`sections[${si}]`)}-new-id`);
      }, 'question'),
    ]);
    const details = el('details', { className: `question-card${hasIssue ? ' has-issue' : ''}`, attrs: { id: fieldId(qp), 'data-question': q.id } }, [
      el('summary', {}, [
        el('span', { className: 'question-summary-text', text: q.text.sv || t('surveys.noText') }),
        el('span', { className: 'badge', text: summaryText }),
        q.show_if ? el('span', { className: 'badge', text: t('surveys.conditional') }) : null,
      ]),
      body,
    ]);
    if (hasIssue || this.state.open.has(q)) details.open = true;
    details.addEventListener('toggle', () => {
      if (details.open) this.state.open.add(q);
      else this.state.open.delete(q);
    });
    return details;
  }

  // The "add a question" row of section `si`: a type and a new, unique id.
  addQuestion(section, si) {
    const base = `${fieldId(`sections[${si}]`)}-new`;
    const type = el('select', { attrs: { id: `${base}-type` } });
    for (const v of TYPES) type.append(new Option(t(`surveys.type.${v}`), v));
    const id = el('input', { attrs: { id: `${base}-id`, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${base}-error` } });
    const error = el('p', { className: 'field-error', attrs: { id: `${base}-error`, role: 'alert' } });
    const add = el('button', { className: 'add-question', text: t('surveys.addQuestion'), attrs: { type: 'button', id: `${base}-add` } });
    add.addEventListener('click', () => {
      const value = id.value.trim();
      const taken = this.survey.sections.some((s) => s.questions.some((q) => q.id === value)) || this.state.lockedIds.has(value);
      error.textContent = !ID.test(value) ? t('surveys.issue.bad_id') : taken ? t('surveys.idTaken', { id: value }) : '';
      if (error.textContent) {
        id.setAttribute('aria-invalid', 'true');
        id.focus();
        return;
      }
      const q = newQuestion(type.value, value);
      section.questions.push(q);
      this.state.open.add(q);
      this.redraw(fieldId(`sections[${si}].questions[${section.questions.length - 1}].text.sv`));
    });
    return el('div', { className: 'add-row' }, [
      el('div', { className: 'field' }, [el('label', { text: t('surveys.newType'), attrs: { for: type.id } }), type]),
      el('div', { className: 'field' }, [el('label', { text: t('surveys.newId'), attrs: { for: id.id } }), id]),
      add, error,
    ]);
  }

  section(section, si, earlier) {
    const sp = `sections[${si}]`;
    const questions = section.questions.map((q, qi) => {
      const card = this.question(section, si, q, qi, new Map(earlier));
      earlier.set(q.id, q);
      return card;
    });
    const heading = el('h3', { text: t('surveys.sectionHeading', { n: si + 1, title: section.title.sv || section.id }) });
    const box = el('section', { className: 'card survey-section', attrs: { id: fieldId(sp), 'aria-label': heading.textContent } }, [
      heading,
      this.itemButtons(this.survey.sections, si, section.id, fieldId(sp), async () => {
        if (section.questions.length) {
          const ok = await confirmDialog({
            id: 'remove-section-dialog', title: t('surveys.removeSectionTitle', { title: section.title.sv || section.id }),
            paragraphs: [t('surveys.removeSectionText', { count: section.questions.length })],
            confirmLabel: t('surveys.remove'), cancelLabel: t('surveys.cancel'),
          });
          if (!ok) return;
        }
        this.survey.sections.splice(si, 1);
        this.redraw('add-section');
      }, 'section'),
      el('div', { className: 'field-row' }, [
        this.input(`${sp}.id`, t('surveys.sectionId'), () => section.id, (v) => { section.id = v; }, { spellcheck: 'false' }),
      ]),
      this.texts(`${sp}.title`, t('surveys.sectionTitle'), section, 'title'),
      ...this.issueAt(`${sp}.questions`).map((i) => el('p', { className: 'field-error', text: i.text })),
      el('div', { className: 'questions' }, questions),
      this.state.readOnly ? null : this.addQuestion(section, si),
    ]);
    return box;
  }

  render() {
    const s = this.survey;
    const earlier = new Map();
    const head = el('section', { className: 'card survey-head' }, [
      el('h3', { text: t('surveys.aboutSurvey') }),
      el('div', { className: 'field-row' }, [
        this.input('id', t('surveys.surveyId'), () => s.id, (v) => { s.id = v; }, this.state.isNew ? { spellcheck: 'false' } : { readonly: '' }),
        this.select('kind', t('surveys.kind'), ['survey', 'dialogue'], (v) => t(`surveys.kind.${v}`), () => s.kind, (v) => { s.kind = v; }),
      ]),
      this.texts('title', t('surveys.title'), s, 'title'),
      this.texts('intro', t('surveys.introField'), s, 'intro', { optional: true, long: true }),
    ]);
    const sections = s.sections.map((section, si) => this.section(section, si, earlier));
    const parts = [head, ...sections];
    if (!this.state.readOnly) {
      const add = el('button', { className: 'secondary add-section', text: t('surveys.addSection'), attrs: { type: 'button', id: 'add-section' } });
      add.addEventListener('click', () => {
        let n = s.sections.length + 1;
        while (s.sections.some((x) => x.id === `del_${n}`)) n += 1;
        s.sections.push({ id: `del_${n}`, title: emptyText(), questions: [] });
        this.redraw(fieldId(`sections[${s.sections.length - 1}].title.sv`));
      });
      parts.push(el('div', {}, [add]));
    }
    this.root.replaceChildren(...parts);
  }
}
