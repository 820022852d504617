// One question of the survey as form controls. Every type is here but the place question
// (place.js); `ctx.onChange(value)` receives the answer in the response's wire form, or
// undefined when the question is left unanswered.
import { el } from '/dom.js';
import { localized, t } from '/i18n.js';
import { renderPlace } from '/s/place.js';

/// The resident's words for a validator issue on `question` (the codes are the shared
/// validator's; see docs/web-survey.md).
export function issueText(issue, question) {
  const params = {
    min: question.min,
    max: question.max,
    maxLength: question.max_length,
    maxChoices: question.max_choices,
    maxPlaces: question.max_places,
  };
  const key = `issue.${issue.code}`;
  const text = t(key, params);
  return text === key ? t('issue.other') : text;
}

function titleOf(q, id) {
  const heading = el('h2', { className: 'question-text', attrs: { id, tabindex: '-1' } }, [
    document.createTextNode(localized(q.text)),
  ]);
  if (q.required) heading.append(' ', el('span', { className: 'required', text: t('required') }));
  return heading;
}

// The help and error lines under the title; returns them and the ids to describe controls by.
function notes(q, base, errors) {
  const parts = [];
  const ids = [];
  if (q.help) {
    parts.push(el('p', { className: 'help', text: localized(q.help), attrs: { id: `${base}-help` } }));
    ids.push(`${base}-help`);
  }
  if (errors.length) {
    const box = el('div', { className: 'error', attrs: { id: `${base}-error` } });
    for (const issue of errors) box.append(el('p', { text: issueText(issue, q) }));
    parts.push(box);
    ids.push(`${base}-error`);
  }
  return { parts, describedBy: ids.join(' ') };
}

function optionList(q, base, type, options, isChecked, onToggle) {
  const list = el('div', { className: 'options' });
  options.forEach((option, i) => {
    const id = `${base}-o${i}`;
    const input = el('input', { attrs: { type, id, name: base, value: String(i) } });
    input.checked = isChecked(option.value);
    input.addEventListener('change', () => onToggle(option.value, input.checked));
    list.append(el('label', { className: 'option', attrs: { for: id } }, [input, el('span', { text: option.label })]));
  });
  return list;
}

function choiceQuestion(q, value, ctx, base, errors) {
  const title = titleOf(q, `${base}-title`);
  const { parts, describedBy } = notes(q, base, errors);
  const fieldset = el('fieldset', { className: 'question', attrs: { id: base } }, [
    el('legend', {}, [title]),
    ...parts,
  ]);
  if (describedBy) fieldset.setAttribute('aria-describedby', describedBy);
  let options;
  let multi = false;
  switch (q.type) {
    case 'scale':
      options = q.points.map((p) => ({ value: p.value, label: localized(p.label) }));
      if (q.dont_know) options.push({ value: 'vet_ej', label: t('dontKnow') });
      break;
    case 'yes_no':
      options = [
        { value: true, label: t('yes') },
        { value: false, label: t('no') },
      ];
      break;
    default:
      options = q.choices.map((c) => ({ value: c.id, label: localized(c.label) }));
      multi = q.type === 'multi';
  }
  if (!multi) {
    fieldset.append(optionList(q, base, 'radio', options, (v) => v === value, (v) => ctx.onChange(v)));
    return fieldset;
  }
  const chosen = new Set(Array.isArray(value) ? value : []);
  const exclusive = new Set(q.exclusive ?? []);
  const list = optionList(q, base, 'checkbox', options, (v) => chosen.has(v), (v, on) => {
    if (on) {
      // An exclusive choice ("none of these") and the others cannot go together.
      for (const other of [...chosen]) if (exclusive.has(v) || exclusive.has(other)) chosen.delete(other);
      chosen.add(v);
    } else {
      chosen.delete(v);
    }
    options.forEach((option, i) => {
      list.querySelector(`#${base}-o${i}`).checked = chosen.has(option.value);
    });
    ctx.onChange(chosen.size ? options.map((o) => o.value).filter((v) => chosen.has(v)) : undefined);
  });
  fieldset.append(list);
  return fieldset;
}

// The typed text of a number answer: a number when it reads as one ("3,5" too), else the text
// itself, which the validator then reports as not a number.
export function parseNumber(text) {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const normal = trimmed.replace(',', '.').replace(/\s/g, '');
  return /^[-+]?\d+(\.\d+)?$/.test(normal) ? Number(normal) : trimmed;
}

function inputQuestion(q, value, ctx, base, errors) {
  const titleId = `${base}-title`;
  const { parts, describedBy } = notes(q, base, errors);
  const wrapper = el('div', { className: 'question', attrs: { id: base } }, [titleOf(q, titleId), ...parts]);
  const inputId = `${base}-input`;
  let input;
  if (q.type === 'number') {
    input = el('input', {
      className: 'number',
      attrs: { id: inputId, type: 'text', inputmode: q.integer ? 'numeric' : 'decimal', autocomplete: 'off' },
    });
    input.value = value === undefined ? '' : String(value);
    input.addEventListener('input', () => ctx.onChange(parseNumber(input.value)));
    if (!q.help) wrapper.append(el('p', { className: 'hint', text: t('numberRange', { min: q.min, max: q.max }) }));
  } else {
    input = el('textarea', { attrs: { id: inputId, rows: '5' } });
    input.value = typeof value === 'string' ? value : '';
    const counter = el('p', { className: 'hint', attrs: { id: `${base}-count`, 'aria-live': 'off' } });
    const count = () => {
      counter.textContent = t('characters', { used: [...input.value].length, max: q.max_length });
    };
    count();
    input.addEventListener('input', () => {
      count();
      ctx.onChange(input.value.trim() ? input.value : undefined);
    });
    wrapper.append(input, counter);
    input.setAttribute('aria-describedby', [describedBy, `${base}-count`].filter(Boolean).join(' '));
  }
  input.setAttribute('aria-labelledby', titleId);
  if (q.type === 'number') {
    wrapper.append(input);
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
  }
  if (errors.length) input.setAttribute('aria-invalid', 'true');
  return wrapper;
}

/// The question's controls, with `errors` (validator issues at or under its answer) shown.
export function renderQuestion(q, value, ctx) {
  const base = `q-${q.id}`;
  const errors = ctx.errors ?? [];
  if (q.type === 'place') return renderPlace(q, value, { ...ctx, base, title: titleOf(q, `${base}-title`), notes: notes(q, base, errors) });
  if (q.type === 'number' || q.type === 'text') return inputQuestion(q, value, ctx, base, errors);
  return choiceQuestion(q, value, ctx, base, errors);
}
