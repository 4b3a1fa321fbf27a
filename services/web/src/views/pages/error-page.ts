import type { PageState } from '../../http/page-state';
import { html } from '../html';
import { layout } from '../layout';

export function errorPage(page: PageState, title: string, message: string): string {
  return layout(
    { title, page },
    html`<h1>${title}</h1>
      <div class="alert" role="alert"><p>${message}</p></div>
      <p><a href="/">Back to the shop</a></p>`,
  );
}
