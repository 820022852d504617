// What the promises views share: the agreement block, activity and figure wording, and the
// follow-up's significance and direction in words. No network access and no token here, so the
// public page can use it too.

import { el } from './dom.js';
import { language, localized, number, percent, setLanguage, t } from './i18n.js';

export const FOCUS_ORDER = ['drugs', 'traffic', 'close_violence', 'economic_crime', 'unsafe_places', 'general'];
export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'done', 'cancelled'];

// Promises in the order of the agreement's focus areas, then by id.
export function sortPromises(promises, focusOf = (p) => p.focus_area) {
  const rank = (p) => {
    const i = FOCUS_ORDER.indexOf(focusOf(p));
    return i < 0 ? FOCUS_ORDER.length : i;
  };
  return [...promises].sort((a, b) => rank(a) - rank(b) || String(a.id).localeCompare(String(b.id)));
}

// A date (YYYY-MM-DD, shown as it is) or a timestamp as its date in Swedish time, åååå-mm-dd
// in every language and browser locale.
export function dateText(value) {
  if (!value) return '–';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' });
}

export function periodText(period) {
  if (!period) return '–';
  return period.from === period.to ? String(period.from) : `${period.from}–${period.to}`;
}

// The organisations behind a promise as words inside a sentence ("polisen och kommunen").
export function organisationText(organisations) {
  const names = (organisations || []).map((o) => t(`organisation.${o}`));
  return names.join(t('list.and'));
}

export function capitalised(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function whoText(activity) {
  if (activity.who === 'partner') return activity.partner_name || t('who.partner');
  return t(`who.${activity.who}`);
}

export function statusText(status) {
  return t(`activity.${status}`);
}

// Whether the figure is a survey share (with interval and n) rather than a count.
function isShare(figure) {
  return figure && !figure.suppressed && figure.ci_low !== undefined;
}

// A follow-up figure in words: a weighted share with its year, 95 % interval and answers, a
// count, "too few answers" when suppressed (never a number), or a dash when there is no figure.
export function figureText(figure) {
  if (!figure) return t('figure.none');
  if (figure.suppressed) return t('figure.suppressed');
  if (figure.value === undefined || figure.value === null) return t('figure.none');
  if (isShare(figure)) {
    return t('figure.share', {
      value: percent(figure.value),
      low: percent(figure.ci_low),
      high: percent(figure.ci_high),
      n: number(figure.n),
      year: figure.year ?? '',
    });
  }
  return number(figure.value, Number.isInteger(figure.value) ? 0 : 1);
}

// A figure as an element: "too few answers" carries its own class and an explanation.
export function figureNode(figure, k) {
  if (figure?.suppressed)
    return el('span', { className: 'suppressed-figure', text: t('figure.suppressed'), attrs: { title: t('suppressed', { k }) } });
  return el('span', { text: figureText(figure) });
}

// The change from baseline to now: percentage points for shares, a signed count otherwise.
export function differenceText(indicator) {
  if (indicator.difference === null || indicator.difference === undefined) return '–';
  const share = isShare(indicator.current) || isShare(indicator.baseline) || indicator.kind === 'survey_share';
  const format = new Intl.NumberFormat(language() === 'sv' ? 'sv-SE' : 'en-GB', {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
  });
  return share ? `${format.format(indicator.difference * 100)} ${t('points')}` : format.format(indicator.difference);
}

export function significanceText(significant) {
  if (significant === true) return t('followup.significant');
  if (significant === false) return t('followup.notSignificant');
  return t('followup.untestable');
}

export function onTrackText(onTrack) {
  if (onTrack === true) return t('followup.onTrack');
  if (onTrack === false) return t('followup.offTrack');
  return t('followup.onTrackUnknown');
}

export function targetText(direction) {
  return t(`target.${direction}`);
}

// Counts of the activities per status, e.g. {planned: 1, ongoing: 2, done: 3, cancelled: 0}.
export function activityCounts(activities) {
  const counts = Object.fromEntries(ACTIVITY_STATUSES.map((s) => [s, 0]));
  for (const a of activities || []) if (a.status in counts) counts[a.status] += 1;
  return counts;
}

export function progressText(counts) {
  const total = ACTIVITY_STATUSES.reduce((sum, s) => sum + (counts[s] || 0), 0);
  return t('activity.progress', { done: counts.done || 0, ongoing: counts.ongoing || 0, total });
}

// The agreement as a definition list: parties, signatories' roles, signing date, period and
// whether it continues until a new one is signed.
export function agreementList(agreement) {
  const dl = el('dl', { className: 'agreement' });
  const item = (key, value) => dl.append(el('div', {}, [el('dt', { text: t(key) }), el('dd', { text: value })]));
  item('agreement.parties', agreement.parties.map((p) => p.name).join(t('list.and')));
  item('agreement.signatories', agreement.signatories.map((s) => localized(s.role)).join(t('list.and')));
  item('agreement.signed', dateText(agreement.signed));
  item('agreement.period', `${dateText(agreement.period.from)} – ${dateText(agreement.period.to)}`);
  item('agreement.continuation', continuationText(agreement));
  return dl;
}

// Whether the agreement still runs, and that it continues until replaced.
export function continuationText(agreement, today = new Date().toISOString().slice(0, 10)) {
  if (!agreement.continues_until_replaced) return t('agreement.endsAtPeriodEnd', { to: dateText(agreement.period.to) });
  if (today > agreement.period.to) return t('agreement.extended', { to: dateText(agreement.period.to) });
  return t('agreement.continues');
}

// The years a follow-up may cover: the agreement's period and, when it continues until replaced,
// every year since up to the current one. Falls back to the promises' periods.
export function followUpYears(agreement, promises, currentYear = new Date().getUTCFullYear()) {
  let from;
  let to;
  if (agreement) {
    from = Number(agreement.period.from.slice(0, 4));
    to = Number(agreement.period.to.slice(0, 4));
    if (agreement.continues_until_replaced) to = Math.max(to, currentYear);
  } else if (promises.length) {
    from = Math.min(...promises.map((p) => p.period.from));
    to = Math.max(...promises.map((p) => p.period.to));
  } else {
    return [currentYear];
  }
  const years = [];
  for (let y = to; y >= from; y -= 1) years.push(y);
  return years;
}

// The start of a page for residents (/public, /method.html): the language from ?lang=, the
// page's title and the language switch's current link.
export async function startPublicPage(titleKey) {
  const requested = new URLSearchParams(location.search).get('lang');
  await setLanguage(requested === 'en' ? 'en' : 'sv');
  document.title = `${t(titleKey)} – ${t('public.siteName')}`;
  document.getElementById('language-switch').setAttribute('aria-label', t('app.language'));
  for (const lang of ['sv', 'en']) {
    const link = document.getElementById(`lang-${lang}`);
    if (lang === language()) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}
