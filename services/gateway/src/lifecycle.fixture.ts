/**
 * Test support: puts records in a given lifecycle state through the command handler (the one write path, no
 * GraphQL), so each authorization-matrix cell and spec gets fresh records of its own.
 */
import { randomUUID } from 'node:crypto';
import type { CommandHandler } from '@cspr/application';
import type { Actor } from '@cspr/domain';
import { comparePositions, LOG_START } from '@cspr/event-store';
import type { LogPosition } from '@cspr/event-store';

export const ACTORS = {
  leeds: { userId: 'dev-partnership-leeds', role: 'partnership', partnershipId: 'leeds' },
  bradford: { userId: 'dev-partnership-bradford', role: 'partnership', partnershipId: 'bradford' },
  panel: { userId: 'dev-panel', role: 'panel' },
  admin: { userId: 'admin-1', role: 'admin' },
} satisfies Record<string, Actor>;

export const SECRET_CHILD_NAME = 'Peregrine Testchild';

export const notifyData = (incidentId: string, partnership: 'leeds' | 'bradford' = 'leeds') => ({
  incidentId,
  partnershipId: partnership,
  localAuthorityCode: partnership === 'leeds' ? 'E08000035' : 'E08000032',
  nature: 'serious-harm' as const,
  becameAwareOn: '2026-03-05',
  incidentOn: '2026-03-04',
  guidanceEdition: 'panel-guidance-2025' as const,
  children: [
    {
      childRef: 'child-1',
      name: SECRET_CHILD_NAME,
      dateOfBirth: '2019-06-15',
      sex: 'female' as const,
      ethnicity: 'white' as const,
      disability: 'no' as const,
      placement: 'at-home' as const,
      lookedAfter: false,
      childInNeedPlan: true,
      childProtectionPlan: false,
      knownToAgencies: 'yes' as const,
    },
  ],
  notifier: { name: 'Notifier Person', role: 'Head of service', email: 'notifier@example.gov.uk' },
  location: 'Home address',
  caseOutline: 'Case outline text.',
});

export const rapidReviewData = (incidentId: string, decision: 'local-review' | 'no-local-review' = 'local-review') => ({
  incidentId,
  parallelProcesses: ['police-investigation' as const],
  agenciesInvolved: ['police' as const, 'health' as const],
  localReviewDecision: decision,
  localCriteria: { improvementsNeeded: true, recurrentThemes: false, multiAgencyConcerns: true, panelSuggested: false },
  nationalCriteria: { improvementsNeeded: true, lawOrGuidanceChanges: false, recurrentThemes: false },
  signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
  facts: 'Facts of the case.',
  agencySummaries: [{ agency: 'police' as const, summary: 'Police involvement.' }],
  keyPracticeEpisodes: 'Episodes.',
  livedExperience: 'Lived experience.',
  immediateActions: 'Immediate actions.',
  learningIdentified: 'Learning.',
  decisionReasons: 'Reasons.',
  signatories: { localAuthority: 'LA Officer', integratedCareBoard: 'ICB Officer', police: 'Police Officer' },
});

/**
 * `lastPosition()` is the position of the last write made through it: wait for that one, not the store's head,
 * which lags behind any transaction still open (the projector's own, for one).
 */
export const lifecycle = (handler: CommandHandler) => {
  let last: LogPosition = LOG_START;
  const commands: CommandHandler = {
    execute: async (command, envelope) => {
      const result = await handler.execute(command, envelope);
      if (result.position && comparePositions(result.position, last) > 0) last = result.position;
      return result;
    },
  };
  const as = (actor: Actor) => ({ actor });
  const notified = async (partnership: 'leeds' | 'bradford' = 'leeds') => {
    const incidentId = randomUUID();
    await commands.execute(
      { type: 'NotifyIncident', data: notifyData(incidentId, partnership) },
      as(partnership === 'leeds' ? ACTORS.leeds : ACTORS.bradford),
    );
    return { incidentId };
  };
  const rapidReviewed = async (
    decision: 'local-review' | 'no-local-review' = 'local-review',
    partnership: 'leeds' | 'bradford' = 'leeds',
  ) => {
    const { incidentId } = await notified(partnership);
    await commands.execute(
      { type: 'SubmitRapidReview', data: rapidReviewData(incidentId, decision) },
      as(partnership === 'leeds' ? ACTORS.leeds : ACTORS.bradford),
    );
    return { incidentId };
  };
  const panelAskedForNationalReview = async (partnership: 'leeds' | 'bradford' = 'leeds') => {
    const { incidentId } = await rapidReviewed('no-local-review', partnership);
    await commands.execute(
      { type: 'RespondToRapidReview', data: { incidentId, outcome: 'national-review', comments: 'National review.' } },
      as(ACTORS.panel),
    );
    return { incidentId };
  };
  const localReview = async () => {
    const { incidentId } = await rapidReviewed('local-review');
    const reviewId = randomUUID();
    await commands.execute(
      {
        type: 'CommissionLocalReview',
        data: {
          reviewId,
          partnershipId: 'leeds',
          incidentIds: [incidentId],
          guidanceEdition: 'panel-guidance-2025',
          caseName: 'Child M',
        },
      },
      as(ACTORS.leeds),
    );
    return { incidentId, reviewId };
  };
  const withReviewer = async () => {
    const ids = await localReview();
    await commands.execute(
      { type: 'AppointReviewer', data: { reviewId: ids.reviewId, reviewerName: 'Independent Reviewer' } },
      as(ACTORS.leeds),
    );
    return ids;
  };
  const withFinalReport = async () => {
    const ids = await withReviewer();
    await commands.execute(
      { type: 'SubmitFinalReport', data: { reviewId: ids.reviewId, recipients: ['panel', 'dfe'] } },
      as(ACTORS.leeds),
    );
    return ids;
  };
  return {
    notified,
    rapidReviewed,
    panelAskedForNationalReview,
    localReview,
    withReviewer,
    withFinalReport,
    lastPosition: () => last,
    commands,
  };
};
