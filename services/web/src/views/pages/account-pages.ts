import type { User } from '@gomall/contracts';
import type { PageState } from '../../http/page-state';
import { alertBox, csrfField, field, type Errors } from '../components';
import { html } from '../html';
import { layout } from '../layout';

export interface AuthFormView {
  error?: string;
  errors?: Errors;
  email?: string;
  name?: string;
  next?: string;
}

export function signInPage(page: PageState, view: AuthFormView = {}): string {
  return layout(
    { title: 'Sign in', page },
    html`<h1>Sign in</h1>
      ${alertBox(view.error)}
      <form method="post" action="/signin" class="narrow" data-once>
        ${csrfField(page.csrf)}
        <input type="hidden" name="next" value="${view.next ?? ''}" />
        ${field({ label: 'Email', name: 'email', type: 'email', value: view.email, autocomplete: 'email', required: true, errors: view.errors })}
        ${field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, errors: view.errors })}
        <button type="submit">Sign in</button>
      </form>
      <p>
        New here?
        <a href="/signup${view.next ? `?next=${encodeURIComponent(view.next)}` : ''}"
          >Create an account</a
        >.
      </p>`,
  );
}

export function signUpPage(page: PageState, view: AuthFormView = {}): string {
  return layout(
    { title: 'Create account', page },
    html`<h1>Create an account</h1>
      ${alertBox(view.error)}
      <form method="post" action="/signup" class="narrow" data-once>
        ${csrfField(page.csrf)}
        <input type="hidden" name="next" value="${view.next ?? ''}" />
        ${field({ label: 'Name', name: 'name', value: view.name, autocomplete: 'name', required: true, maxlength: 100, errors: view.errors })}
        ${field({ label: 'Email', name: 'email', type: 'email', value: view.email, autocomplete: 'email', required: true, errors: view.errors })}
        ${field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.', errors: view.errors })}
        <button type="submit">Create account</button>
      </form>
      <p>Already have an account? <a href="/signin">Sign in</a>.</p>`,
  );
}

export function accountPage(
  page: PageState,
  user: User,
  view: { error?: string; errors?: Errors; notice?: string } = {},
): string {
  return layout(
    { title: 'Your account', page },
    html`<h1>Your account</h1>
      ${alertBox(view.error)}
      <p>Signed in as <strong>${user.email}</strong>.</p>
      <section aria-labelledby="name-h">
        <h2 id="name-h">Name</h2>
        <form method="post" action="/account/name" class="narrow" data-once>
          ${csrfField(page.csrf)}
          ${field({ label: 'Name', name: 'name', value: user.name, autocomplete: 'name', required: true, maxlength: 100, errors: view.errors })}
          <button type="submit">Save name</button>
        </form>
      </section>
      <section aria-labelledby="pw-h">
        <h2 id="pw-h">Password</h2>
        <form method="post" action="/account/password" class="narrow" data-once>
          ${csrfField(page.csrf)}
          ${field({ label: 'Current password', name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true, errors: view.errors })}
          ${field({ label: 'New password', name: 'password', type: 'password', autocomplete: 'new-password', required: true, hint: 'At least 8 characters.', errors: view.errors })}
          <button type="submit">Change password</button>
        </form>
      </section>`,
  );
}
