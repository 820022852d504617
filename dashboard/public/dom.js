// DOM building without HTML strings: every text goes through textContent, so what residents
// wrote can never become markup.

export function el(tag, options = {}, children = []) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined && options.text !== null) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

// Marks a data table to become one card per row on narrow screens (CSS `table.stack`): each
// body cell gets its column's heading as `data-label`, shown before its value, and explicit
// table roles, which CSS display changes would otherwise drop. Call after the rows are in.
export function stackTable(table) {
  table.classList.add('stack');
  table.setAttribute('role', 'table');
  const headings = [...(table.tHead?.rows[0]?.cells || [])].map((c) => c.textContent.trim());
  for (const section of [table.tHead, ...table.tBodies]) {
    if (!section) continue;
    section.setAttribute('role', 'rowgroup');
    for (const row of section.rows) {
      row.setAttribute('role', 'row');
      let column = 0;
      for (const cell of row.cells) {
        const heading = headings[column];
        column += cell.colSpan;
        if (section === table.tHead) cell.setAttribute('role', 'columnheader');
        else if (cell.localName === 'th') cell.setAttribute('role', 'rowheader');
        else {
          cell.setAttribute('role', 'cell');
          if (heading && !cell.hasAttribute('data-label') && cell.colSpan === 1) cell.setAttribute('data-label', heading);
        }
      }
    }
  }
  return table;
}

const RECORD_KEYS = ['data-campaign', 'data-device', 'data-account', 'data-measure', 'data-activity', 'data-promise', 'data-figure', 'data-walk'];
// What Tab stops at.
export const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

// Call before a view under `root` is drawn anew; the function it returns, called after, puts
// focus back where it was if it was inside: on the same control of the same record (a row's
// `data-campaign`, `data-measure`, …), else on that record's first control or its heading cell.
export function keepFocus(root) {
  const active = document.activeElement;
  if (!active || active === document.body || !root.contains(active)) return () => {};
  const record = active.closest(RECORD_KEYS.map((k) => `[${k}]`).join(','));
  const key = record && RECORD_KEYS.find((k) => record.hasAttribute(k));
  const recordSelector = key ? `[${key}="${CSS.escape(record.getAttribute(key))}"]` : null;
  let control = active.localName;
  if (active.id) control = `#${CSS.escape(active.id)}`;
  else if (active.name) control += `[name="${CSS.escape(active.name)}"]`;
  else control += [...active.classList].map((c) => `.${CSS.escape(c)}`).join('');
  return () => {
    if (document.activeElement && document.activeElement !== document.body && document.activeElement.isConnected) return;
    const scope = recordSelector ? root.querySelector(recordSelector) : root;
    if (!scope) return;
    let target = scope.querySelector(control) || (recordSelector && scope.querySelector(FOCUSABLE));
    if (!target && recordSelector) {
      target = scope.querySelector('th') || scope;
      target.setAttribute('tabindex', '-1');
    }
    target?.focus();
  };
}
