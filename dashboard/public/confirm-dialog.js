// A modal confirmation: a heading, what will happen, optional fields, and Cancel (focused
// first) beside the button that acts. Escape cancels. Resolves true when confirmed.

import { el } from './dom.js';

export function confirmDialog({ id, title, paragraphs = [], fields = [], confirmLabel, cancelLabel }) {
  return new Promise((resolve) => {
    const go = el('button', { text: confirmLabel, attrs: { type: 'button', id: `${id}-confirm` } });
    const cancel = el('button', { className: 'secondary', text: cancelLabel, attrs: { type: 'button', id: `${id}-cancel` } });
    const dialog = el('dialog', { className: 'confirm', attrs: { id, 'aria-labelledby': `${id}-title` } }, [
      el('h2', { text: title, attrs: { id: `${id}-title` } }),
      ...paragraphs.map((text) => el('p', { text })),
      ...fields,
      el('div', { className: 'dialog-actions' }, [cancel, go]),
    ]);
    const close = (answer) => { dialog.close(); dialog.remove(); resolve(answer); };
    go.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}
