/** Set-up for browser journeys through the gateway's API: records a journey needs but does not walk through itself. */
import { todayInEngland } from './app/dates';
import type { GatewayUnderTest } from './gateway-under-test.fixture';
import { INCIDENT, NOTIFY_INCIDENT, RESPOND_TO_RAPID_REVIEW, SUBMIT_RAPID_REVIEW } from './operations';

type Payload = { __typename: string; incidentId?: string; position?: string; message?: string };

const ok = (payload: Payload): Payload => {
  if (payload.__typename.endsWith('Error')) throw new Error(`${payload.__typename}: ${payload.message}`);
  return payload;
};

export type SeedOptions = {
  /** Default E08000032 (Bradford). */
  localAuthorityCode?: string;
  /** Default NO_LOCAL_REVIEW. */
  localReviewDecision?: 'LOCAL_REVIEW' | 'NO_LOCAL_REVIEW';
  /** Default NATIONAL_REVIEW. */
  outcome?: 'AGREED' | 'RECONSIDER' | 'NATIONAL_REVIEW';
  /** The gateway's today (when its clock was moved). Default today in England. */
  today?: string;
};

/**
 * Waits, through the gateway's read-your-writes (`consistentAfter`), until the incident read model has the seed's
 * last write: a page opened next must not mistake a busy projector's lag for a missing record.
 */
const readableAfter = async (backEnd: GatewayUnderTest, token: string, id: string, position: string | undefined) => {
  const { incident } = await backEnd.graphqlAs<{ incident: { __typename: string } }>(token, INCIDENT, {
    id,
    consistentAfter: position,
  });
  if (incident.__typename !== 'Incident') throw new Error(`seeded incident not readable: ${incident.__typename}`);
};

/** An incident notified (nothing more yet), readable through the read models; returns its id. */
export const seedNotifiedIncident = async (
  backEnd: GatewayUnderTest,
  partnershipToken: string,
  options: SeedOptions = {},
): Promise<string> => {
  const today = options.today ?? todayInEngland();
  const notified = ok(
    (
      await backEnd.graphqlAs<{ notifyIncident: Payload }>(partnershipToken, NOTIFY_INCIDENT, {
        input: {
          localAuthorityCode: options.localAuthorityCode ?? 'E08000032',
          nature: 'SERIOUS_HARM',
          becameAwareOn: today,
          incidentOn: today,
          location: 'A park',
          caseOutline: 'A second case with similar features.',
          notifier: { name: 'Alex Notifier', role: 'Safeguarding lead', email: 'alex@example.gov.uk' },
          children: [
            {
              childRef: 'child-1',
              name: 'Second Child',
              ageInYears: 4,
              sex: 'MALE',
              ethnicity: 'ASIAN',
              disability: 'NOT_KNOWN',
              placement: 'AT_HOME',
              lookedAfter: false,
              childInNeedPlan: true,
              childProtectionPlan: false,
              knownToAgencies: 'YES',
            },
          ],
        },
      })
    ).notifyIncident,
  );
  await readableAfter(backEnd, partnershipToken, notified.incidentId!, notified.position);
  return notified.incidentId!;
};

/** An incident notified, its rapid review sent and the Panel's answer recorded (default: a Bradford case, national review). */
export const seedRespondedIncident = async (
  backEnd: GatewayUnderTest,
  partnershipToken: string,
  panelToken: string,
  options: SeedOptions = {},
): Promise<string> => {
  const incidentId = await seedNotifiedIncident(backEnd, partnershipToken, options);
  ok(
    (
      await backEnd.graphqlAs<{ submitRapidReview: Payload }>(partnershipToken, SUBMIT_RAPID_REVIEW, {
        input: {
          incidentId,
          facts: 'Facts of the second case.',
          parallelProcesses: [],
          agenciesInvolved: ['HEALTH'],
          agencySummaries: [{ agency: 'HEALTH', summary: 'Health visitor saw the child.' }],
          keyPracticeEpisodes: 'Episodes.',
          livedExperience: 'Lived experience.',
          immediateActions: 'Actions.',
          learningIdentified: 'Learning.',
          localReviewDecision: options.localReviewDecision ?? 'NO_LOCAL_REVIEW',
          localCriteria: {
            improvementsNeeded: options.localReviewDecision === 'LOCAL_REVIEW',
            recurrentThemes: false,
            multiAgencyConcerns: false,
            panelSuggested: false,
          },
          nationalCriteria: { improvementsNeeded: true, lawOrGuidanceChanges: false, recurrentThemes: true },
          decisionReasons: 'National learning.',
          signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
          signatories: { localAuthority: 'A', integratedCareBoard: 'B', police: 'C' },
        },
      })
    ).submitRapidReview,
  );
  const responded = ok(
    (
      await backEnd.graphqlAs<{ respondToRapidReview: Payload }>(panelToken, RESPOND_TO_RAPID_REVIEW, {
        input: {
          incidentId,
          outcome: options.outcome ?? 'NATIONAL_REVIEW',
          comments: 'The Panel’s answer.',
        },
      })
    ).respondToRapidReview,
  );
  await readableAfter(backEnd, partnershipToken, incidentId, responded.position);
  return incidentId;
};
