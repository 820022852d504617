// The place question: one or more places, each picked from the registry (a searchable list),
// taken from "Här jag står nu" (the browser's position and its accuracy) or described in
// words, then the times of day and the reasons it feels unsafe. The widget redraws itself
// when entries or sources change and keeps the focus on the same control.
import { clear, el } from '/dom.js';
import { localized, t } from '/i18n.js';

const SOURCES = ['list', 'here', 'describe'];
const MAX_SHOWN = 8;
const MAX_ACCURACY_M = 10000;

function fold(text) {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

function sourceOf(entry, remembered) {
  if (entry.place_id !== undefined) return 'list';
  if (entry.position !== undefined) return 'here';
  if (entry.description !== undefined) return 'describe';
  return remembered ?? 'list';
}

function isBlank(entry) {
  return entry.place_id === undefined && entry.position === undefined &&
    entry.description === undefined && !entry.times_of_day.length && !entry.reasons.length;
}

// Check boxes for a list of ids; `chosen()` gives the ids chosen now, in the options' order.
function checkboxGroup(legend, id, options, chosen, onChange) {
  const box = el('fieldset', { className: 'subgroup' }, [el('legend', { text: legend })]);
  const list = el('div', { className: 'options' });
  options.forEach((option, i) => {
    const inputId = `${id}-${i}`;
    const input = el('input', { attrs: { type: 'checkbox', id: inputId } });
    input.checked = chosen().includes(option.id);
    input.addEventListener('change', () => {
      const now = chosen();
      onChange(options.map((o) => o.id).filter((v) => (v === option.id ? input.checked : now.includes(v))));
    });
    list.append(el('label', { className: 'option', attrs: { for: inputId } }, [input, el('span', { text: option.label })]));
  });
  box.append(list);
  return box;
}

/// `ctx`: onChange, places (the registry), localities (locality id → its survey label), ui
/// (per-question state kept while the page is open), base, title and notes (questions.js).
export function renderPlace(q, value, ctx) {
  const localityName = (p) => {
    const label = ctx.localities?.get(p.locality);
    return label ? localized(label) : p.locality;
  };
  const root = el('div', { className: 'question place-question', attrs: { id: ctx.base } });
  const ui = ctx.ui;
  ui.sources ??= [];
  ui.queries ??= [];
  let entries = Array.isArray(value) && value.length
    ? value.map((e) => ({ ...e, times_of_day: [...(e.times_of_day ?? [])], reasons: [...(e.reasons ?? [])] }))
    : [{ times_of_day: [], reasons: [] }];

  const commit = () => {
    const given = entries.filter((e) => !isBlank(e));
    ctx.onChange(given.length ? given.map((e) => ({ ...e })) : undefined);
  };
  const redraw = (focusId) => {
    draw();
    const target = focusId && root.querySelector(`#${CSS.escape(focusId)}`);
    if (target) target.focus();
  };

  function sourcePanel(entry, i, id) {
    const panel = el('div', { className: 'source-panel' });
    const source = sourceOf(entry, ui.sources[i]);
    if (source === 'list') {
      const searchId = `${id}-search`;
      const search = el('input', { attrs: { id: searchId, type: 'search', autocomplete: 'off' } });
      search.value = ui.queries[i] ?? '';
      const results = el('div', { className: 'options place-results', attrs: { id: `${id}-results`, role: 'group', 'aria-label': t('place.results') } });
      const fill = () => {
        clear(results);
        const words = fold(search.value).split(/\s+/).filter(Boolean);
        const matches = ctx.places.filter((p) => {
          const hay = fold([p.name, p.locality, localityName(p), ...(p.aliases ?? [])].join(' '));
          return words.every((w) => hay.includes(w));
        });
        const chosen = ctx.places.find((p) => p.id === entry.place_id);
        const shown = matches.slice(0, MAX_SHOWN);
        if (chosen && !shown.includes(chosen)) shown.unshift(chosen);
        shown.forEach((p, k) => {
          const inputId = `${id}-place-${k}`;
          const input = el('input', { attrs: { type: 'radio', id: inputId, name: `${id}-place` } });
          input.checked = p.id === entry.place_id;
          input.addEventListener('change', () => {
            entry.place_id = p.id;
            commit();
          });
          results.append(el('label', { className: 'option', attrs: { for: inputId } }, [
            input, el('span', { text: localityName(p) ? `${p.name}, ${localityName(p)}` : p.name }),
          ]));
        });
        if (!shown.length) results.append(el('p', { className: 'hint', text: t('place.noMatch') }));
        else if (matches.length > MAX_SHOWN) results.append(el('p', { className: 'hint', text: t('place.more', { count: matches.length - MAX_SHOWN }) }));
      };
      search.addEventListener('input', () => {
        ui.queries[i] = search.value;
        fill();
      });
      fill();
      panel.append(el('label', { text: t('place.search'), attrs: { for: searchId } }), search, results);
    } else if (source === 'here') {
      const status = el('p', { className: 'position-status', attrs: { id: `${id}-position`, role: 'status' } });
      if (entry.position) {
        status.textContent = t('place.positionTaken', {
          lat: entry.position.lat.toFixed(5),
          lon: entry.position.lon.toFixed(5),
          accuracy: Math.round(entry.position.accuracy_m),
        });
      }
      const button = el('button', { className: 'secondary', text: entry.position ? t('place.positionAgain') : t('place.positionTake'), attrs: { type: 'button', id: `${id}-locate` } });
      button.addEventListener('click', () => {
        if (!navigator.geolocation) {
          status.textContent = t('place.positionUnavailable');
          return;
        }
        status.textContent = t('place.positionWaiting');
        navigator.geolocation.getCurrentPosition((pos) => {
          const accuracy = Math.max(0.1, Math.round(pos.coords.accuracy * 10) / 10);
          if (accuracy > MAX_ACCURACY_M) {
            status.textContent = t('place.positionTooVague', { accuracy: Math.round(accuracy) });
            return;
          }
          entry.position = {
            lat: Math.round(pos.coords.latitude * 1e6) / 1e6,
            lon: Math.round(pos.coords.longitude * 1e6) / 1e6,
            accuracy_m: accuracy,
          };
          commit();
          redraw(`${id}-locate`);
        }, (error) => {
          status.textContent = error.code === error.PERMISSION_DENIED ? t('place.positionDenied') : t('place.positionUnavailable');
        }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
      });
      panel.append(el('p', { className: 'hint', text: t('place.hereHint') }), button, status);
    } else {
      const areaId = `${id}-description`;
      const area = el('textarea', { attrs: { id: areaId, rows: '3' } });
      area.value = entry.description ?? '';
      area.addEventListener('input', () => {
        if (area.value.trim()) entry.description = area.value;
        else delete entry.description;
        commit();
      });
      panel.append(el('label', { text: t('place.describe'), attrs: { for: areaId } }), area);
    }
    return panel;
  }

  function entryView(entry, i) {
    const id = `${ctx.base}-p${i}`;
    const box = el('fieldset', { className: 'place-entry', attrs: { id } }, [
      el('legend', { text: t('place.entry', { number: i + 1 }) }),
    ]);
    const source = sourceOf(entry, ui.sources[i]);
    const tabs = el('div', { className: 'options source-choice', attrs: { role: 'radiogroup', 'aria-label': t('place.how') } });
    for (const s of SOURCES) {
      const inputId = `${id}-source-${s}`;
      const input = el('input', { attrs: { type: 'radio', id: inputId, name: `${id}-source` } });
      input.checked = s === source;
      input.addEventListener('change', () => {
        ui.sources[i] = s;
        // One source per place: switching drops what the other source had given.
        delete entry.place_id;
        delete entry.position;
        delete entry.description;
        commit();
        redraw(inputId);
      });
      tabs.append(el('label', { className: 'option', attrs: { for: inputId } }, [input, el('span', { text: t(`place.source.${s}`) })]));
    }
    box.append(tabs, sourcePanel(entry, i, id));
    box.append(checkboxGroup(t('place.times'), `${id}-time`,
      q.times_of_day.map((v) => ({ id: v, label: t(`time.${v}`) })), () => entry.times_of_day, (next) => {
        entry.times_of_day = next;
        commit();
      }));
    if (q.reasons.length) {
      box.append(checkboxGroup(t('place.reasons'), `${id}-reason`,
        q.reasons.map((r) => ({ id: r.id, label: localized(r.label) })), () => entry.reasons, (next) => {
          entry.reasons = next;
          commit();
        }));
    }
    if (entries.length > 1) {
      const remove = el('button', { className: 'secondary', text: t('place.remove', { number: i + 1 }), attrs: { type: 'button' } });
      remove.addEventListener('click', () => {
        entries.splice(i, 1);
        ui.sources.splice(i, 1);
        ui.queries.splice(i, 1);
        commit();
        redraw(`${ctx.base}-add`);
      });
      box.append(remove);
    }
    return box;
  }

  root.setAttribute('role', 'group');
  root.setAttribute('aria-labelledby', ctx.title.id);
  if (ctx.notes.describedBy) root.setAttribute('aria-describedby', ctx.notes.describedBy);

  function draw() {
    clear(root);
    root.append(ctx.title, ...ctx.notes.parts);
    entries.forEach((entry, i) => root.append(entryView(entry, i)));
    if (entries.length < (q.max_places ?? 1)) {
      const add = el('button', { className: 'secondary', text: t('place.add'), attrs: { type: 'button', id: `${ctx.base}-add` } });
      add.addEventListener('click', () => {
        entries = [...entries, { times_of_day: [], reasons: [] }];
        redraw(`${ctx.base}-p${entries.length - 1}-source-list`);
      });
      root.append(add);
    }
  }
  draw();
  return root;
}
