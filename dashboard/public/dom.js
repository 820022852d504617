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
