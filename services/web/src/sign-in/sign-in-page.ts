/**
 * Dev sign-in with the same tokens as the API: choose a role (and partnership), run the command shown, paste the
 * token. The gateway's `viewer` query confirms the token before the session starts.
 */
import { choices, errorSummary, textarea, textInput, type FieldErrors } from '../app/components';
import { graphql, GraphQLRequestError } from '../app/graphql-client';
import { html } from '../app/html';
import { VIEWER } from '../operations';
import type { PageContext } from '../app/router';
import { homeOf, readTokenClaims, signIn, signOut } from '../app/session';

const ROLES = [
  { value: 'partnership', label: 'Safeguarding partnership', hint: 'Notify incidents, send rapid reviews, track local reviews' },
  { value: 'panel', label: 'Child Safeguarding Practice Review Panel', hint: 'Respond to rapid reviews, commission national reviews' },
  { value: 'agency', label: 'Partner agency (police, health, school and others)', hint: 'Refer a case to your partnership’s review sub-group' },
  { value: 'ofsted', label: 'Ofsted', hint: 'Read-only' },
  { value: 'dfe', label: 'Department for Education', hint: 'Final reports before publication and national statistics' },
  { value: 'admin', label: 'Administrator' },
];

export const tokenCommand = (role: string, partnership: string): string =>
  `npm run token -- --role ${role || '<role>'}${role === 'partnership' || role === 'agency' ? ` --partnership ${partnership || '<partnership id>'}` : ''}`;

export const validateSignIn = (role: string, partnership: string, token: string): FieldErrors => {
  const errors: FieldErrors = {};
  if (!role) errors.role = 'Select the role you are signing in as';
  if ((role === 'partnership' || role === 'agency') && !partnership.trim()) errors.partnership = 'Enter your partnership id, for example leeds';
  const claims = token.trim() ? readTokenClaims(token) : undefined;
  if (!token.trim()) errors.token = 'Paste the token printed by the command';
  else if (!claims) errors.token = 'The token is not in the right format: paste the whole line the command printed';
  else if (role && claims.role !== role) errors.token = `This token is for the ${claims.role} role, not ${role}: run the command again`;
  else if ((role === 'partnership' || role === 'agency') && partnership.trim() && claims.partnershipId !== partnership.trim()) {
    errors.token = `This token is for partnership ${claims.partnershipId ?? 'none'}, not ${partnership.trim()}`;
  }
  return errors;
};

export const signInPage = (ctx: PageContext) => {
  const draw = (values: { role: string; partnership: string; token: string }, errors: FieldErrors = {}) => {
    const main = ctx.render('Sign in', html`
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${errorSummary(errors)}
        ${ctx.query.get('expired') ? html`<div class="govuk-inset-text" role="status">Your sign-in has expired or was not accepted. Sign in again.</div>` : ''}
        <h1 class="govuk-heading-l">Sign in</h1>
        <p class="govuk-body">In development, you sign in with the same token the API accepts.</p>
        <form novalidate id="sign-in-form">
          ${choices({ id: 'role', type: 'radio', label: 'Who are you signing in as?', legendClass: 'govuk-fieldset__legend--m', options: ROLES, value: values.role, errors })}
          ${textInput({ id: 'partnership', label: 'Partnership id', hint: 'Only for a partnership or a partner agency, for example leeds', value: values.partnership, width: 'govuk-input--width-20', errors })}
          <div class="govuk-inset-text">Run this in the project folder and paste the token it prints:<br><code class="app-code" id="token-command">${tokenCommand(values.role, values.partnership)}</code></div>
          ${textarea({ id: 'token', label: 'Token', value: values.token, rows: 4, errors })}
          <button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>
        </form>
      </div></div>`);
    const form = main.querySelector<HTMLFormElement>('#sign-in-form')!;
    const read = () => {
      const data = new FormData(form);
      return { role: String(data.get('role') ?? ''), partnership: String(data.get('partnership') ?? ''), token: String(data.get('token') ?? '') };
    };
    form.addEventListener('input', () => {
      const v = read();
      main.querySelector('#token-command')!.textContent = tokenCommand(v.role, v.partnership);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const v = read();
      const found = validateSignIn(v.role, v.partnership, v.token);
      if (Object.keys(found).length) return draw(v, found);
      signIn(v.token);
      try {
        await graphql<{ viewer: { role: string } }>(VIEWER);
      } catch (error) {
        signOut();
        return draw(v, { token: error instanceof GraphQLRequestError ? error.message : 'The token was not accepted' });
      }
      ctx.navigate(homeOf(readTokenClaims(v.token) ? { token: v.token, ...readTokenClaims(v.token)! } : undefined));
    });
  };
  draw({ role: ctx.query.get('role') ?? '', partnership: ctx.query.get('partnership') ?? '', token: '' });
};
