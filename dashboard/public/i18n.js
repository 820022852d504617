// Language dictionaries (public/i18n/<lang>.json), text lookup and number formatting.

const dictionaries = {};
let current = 'sv';

export const languages = ['sv', 'en'];

// Loads `lang`'s dictionary from `base` (the dashboard's own, or another page's, e.g. /s/i18n).
export async function setLanguage(lang, base = '/i18n') {
  if (!languages.includes(lang)) lang = 'sv';
  if (!dictionaries[lang]) {
    const res = await fetch(`${base}/${lang}.json`);
    if (!res.ok) throw new Error(`cannot load language ${lang}`);
    dictionaries[lang] = await res.json();
  }
  current = lang;
  document.documentElement.lang = lang;
  applyStatic(document);
}

export function language() {
  return current;
}

// The text for `key` with {name} placeholders filled from `params`.
export function t(key, params = {}) {
  const template = dictionaries[current]?.[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// A model Text ({sv, en}) in the current language, falling back to Swedish.
export function localized(text) {
  if (!text) return '';
  return text[current] || text.sv || '';
}

// An imported indicator's name ({indicator, name_sv?, name_en?}) in the current language, the
// other language's name when only that one is known, and its id otherwise.
export function indicatorName(figure) {
  if (!figure) return '';
  const own = current === 'en' ? figure.name_en : figure.name_sv;
  const other = current === 'en' ? figure.name_sv : figure.name_en;
  return own || other || figure.indicator;
}

// Every element with data-i18n gets its text from the dictionary.
export function applyStatic(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}

function locale() {
  return current === 'sv' ? 'sv-SE' : 'en-GB';
}

export function percent(share, digits = 1) {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return new Intl.NumberFormat(locale(), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

// A p-value to three decimals; below 0.001 as "< 0,001" (no p-value is ever 0).
export function pValue(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  return p < 0.001 ? `< ${number(0.001, 3)}` : number(p, 3);
}

// A difference of shares in percentage points with its sign, e.g. "−6,2".
export function points(difference) {
  if (difference === null || difference === undefined || Number.isNaN(difference)) return '–';
  return new Intl.NumberFormat(locale(), { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(difference * 100);
}
