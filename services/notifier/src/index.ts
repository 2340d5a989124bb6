export { createNotifier, type Notifier, type NotifierOptions } from './notifier';
export { migrateNotifier } from './notifier-schema';
export { notifierStatus, type NotifierStatus } from './notifier-status';
export { createChannel } from './channels/create-channel';
export { readDevMailbox, readDevMailboxEmail, type MailboxEntry } from './channels/dev-mailbox-channel';
export { renderEmail, type Personalisation } from './email-templates';
export { notifierHealthBody, createNotifierHealthServer } from './notifier-http';
export { loadOpenDeadlines, planDay, remindersForDay } from './reminder-planner';
