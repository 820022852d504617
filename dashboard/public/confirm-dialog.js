// A modal confirmation: a heading, what will happen, optional fields, and Cancel (focused
// first) beside the button that acts. Escape cancels. Resolves true when confirmed.

import { el, FOCUSABLE } from './dom.js';

// Shows `dialog` modally with `first` focused; Escape answers `onCancel`, and Tab and
// Shift+Tab go round its controls rather than out to the browser. The returned close() removes
// it and gives focus back to the control that opened it, if that is still on the page.
export function openModal(dialog, first, onCancel) {
  const opener = document.activeElement;
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); onCancel(); });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const controls = [...dialog.querySelectorAll(FOCUSABLE)];
    const edge = event.shiftKey ? controls[0] : controls[controls.length - 1];
    if (controls.length && (document.activeElement === edge || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      (event.shiftKey ? controls[controls.length - 1] : controls[0]).focus();
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  first.focus();
  return () => {
    dialog.close();
    dialog.remove();
    if (opener?.isConnected && opener !== document.body) opener.focus();
  };
}

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
    const close = (answer) => { closeModal(); resolve(answer); };
    const closeModal = openModal(dialog, cancel, () => close(false));
    go.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
  });
}
