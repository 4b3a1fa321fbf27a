/// <reference lib="dom" />
/**
 * The storefront's only script, progressive enhancement: every page works without it. It is
 * served as the source of this function (`/assets/shop.js`), so it must stay self-contained.
 *  - A form marked `data-once` disables its submit button after the first submit (the server is
 *    idempotent anyway: checkout reuses the attempt's key).
 *  - A select marked `data-autosubmit` submits its form when changed (sort order).
 */
export function enhanceScript(): void {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-once')) return;
    if (form.dataset.sent === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.sent = 'true';
    form.setAttribute('aria-busy', 'true');
    for (const button of Array.from(form.querySelectorAll('button[type="submit"]'))) {
      (button as HTMLButtonElement).disabled = true;
    }
  });
  // Coming back with the browser's back button shows the page from its cache: make it usable.
  window.addEventListener('pageshow', () => {
    for (const form of Array.from(document.querySelectorAll('form[data-once]'))) {
      const element = form as HTMLFormElement;
      delete element.dataset.sent;
      element.removeAttribute('aria-busy');
      for (const button of Array.from(element.querySelectorAll('button[type="submit"]'))) {
        (button as HTMLButtonElement).disabled = false;
      }
    }
  });
  document.addEventListener('change', (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.hasAttribute('data-autosubmit')) {
      select.form?.requestSubmit();
    }
  });
}
