/** Every page and who may open it. The gateway enforces access again on every query and mutation. */
import type { Route } from './router';
import { signInPage } from '../sign-in/sign-in-page';
import { notifyPage } from '../partnership/notify-page';
import { notifiedPage } from '../partnership/notified-page';

export const routes: Route[] = [
  { path: '/sign-in', page: signInPage },
  { path: '/partnership/notify', roles: ['partnership'], page: notifyPage },
  { path: '/partnership/notified/:id', roles: ['partnership'], page: notifiedPage },
];
