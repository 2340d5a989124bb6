/**
 * Validation as you type: a field's message appears once the user has left the field (or tried to send), and
 * clears the moment the rule is met, so nobody is scolded mid-word. Messages update in place, keeping focus.
 */
import { showFieldError, type FieldErrors } from './components';

export type CheckState = { touched: Set<string>; submitted: boolean };

export const newCheckState = (): CheckState => ({ touched: new Set(), submitted: false });

export const checkAsYouType = (form: HTMLFormElement, validate: () => FieldErrors, state: CheckState): void => {
  const run = (event: Event) => {
    const field = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-field]')?.dataset.field;
    if (field && event.type === 'focusout') state.touched.add(field);
    const found = validate();
    form.querySelectorAll<HTMLElement>('[data-field]').forEach((group) => {
      const id = group.dataset.field!;
      if (state.submitted || state.touched.has(id)) showFieldError(form, id, found[id]);
    });
  };
  for (const type of ['input', 'change', 'focusout']) form.addEventListener(type, run);
};
