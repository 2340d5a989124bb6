/**
 * Loads the demo story through the one write path (the command handler, so every rule is checked as for a real
 * user), each command at the time the story says. Event ids come from the step's command id, so a second load
 * appends nothing.
 */
import { createCommandHandler } from '@cspr/application';
import type { EventStore } from '@cspr/event-store';
import type { PersonalDataVault } from '@cspr/personal-data';
import type { Logger } from '@cspr/telemetry';
import { demoStory } from './demo-story';

export type DemoLoadResult = { steps: number; failed: { label: string; message: string }[] };

export const loadDemo = async (options: {
  store: EventStore;
  vault: PersonalDataVault;
  newId: () => string;
  logger: Logger;
  today?: string;
}): Promise<DemoLoadResult> => {
  let now = new Date();
  const commands = createCommandHandler({
    store: options.store,
    vault: options.vault,
    newId: options.newId,
    clock: () => now,
  });
  const failed: DemoLoadResult['failed'] = [];
  const steps = demoStory().filter((step) => !options.today || step.on <= options.today);
  for (const [index, step] of steps.entries()) {
    // 11:00 UTC is midday in London all year round, well inside the working day the story names.
    now = new Date(`${step.on}T11:00:00Z`);
    try {
      await commands.execute(step.command, { actor: step.actor, commandId: `demo-step-${index}-${step.command.type}` });
    } catch (error) {
      failed.push({ label: step.label, message: (error as Error).message });
    }
  }
  if (failed.length) options.logger.warn({ failed }, 'some demo steps were refused');
  return { steps: steps.length, failed };
};
