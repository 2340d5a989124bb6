/**
 * Erasure of a data subject, end to end: the real gateway, projector and relay on a fresh PostgreSQL database and the
 * shared Kafka broker. A unique marker goes into every sealed free-text field of a referral, the incident notified
 * from it, its rapid review and its local review; of a referral declined without a notification; and of a
 * non-statutory review that came from a third referral; and of a thematic review across the two reviews. Four
 * approved erasures (the incident, the declined referral, the non-statutory review, the thematic review) follow. Then every place the platform keeps anything is searched for every marker: every table of the
 * database (each row cast to text, bytea as hex), the raw relation files after a CHECKPOINT, every log line, every
 * message on the relay's topic and every API answer given after the erasures. None may hold a marker; the data keys
 * of all seven subjects (incident, three referrals, three reviews) must be gone.
 *
 * The reviews' free text sealed under their keys is marked too: both reviews' reviewer names and organisations, and
 * the non-statutory review's learning item title, recommendation text, action description and progress note; and
 * the pseudonyms the projector opens into lists (docs/adr/0003): the non-statutory review's title and learning
 * theme, the thematic review's title and theme, and the non-statutory review's published record: its case name,
 * summary, themes, recommendations, keywords and its document's title ("Child M – Overview report"); and the bytes
 * of its other document, a file uploaded to the platform's documents store, which the erasure deletes.
 * The local review's case name is marked too: only the incident is erased, and that blanks it in every read model
 * (`reviews`, `published_reports`, `review_learning` find the incident's reviews by their incident ids).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentStore, migrateDocuments } from '@cspr/documents';
import type { Actor } from '@cspr/domain';
import { startObservedPlatform, TEST_BROKERS, type ObservedPlatform } from './observed-platform.fixture';

const lines: string[] = [];
const capture = new Writable({
  write: (chunk, _encoding, done) => {
    lines.push(String(chunk));
    done();
  },
});
let platform: ObservedPlatform;

beforeAll(async () => {
  platform = await startObservedPlatform(capture);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const RUN = randomUUID().replace(/-/g, '').slice(0, 10);
const markers: string[] = [];
/** A value no test data or code holds by chance; each field gets its own, so a finding names the field. */
const marker = (field: string): string => {
  const value = `Zq${field}${RUN}`;
  markers.push(value);
  return value;
};

const OFFICER: Actor = { userId: 'officer-1', role: 'agency', partnershipId: 'leeds' };
const LEEDS: Actor = { userId: 'leeds-user', role: 'partnership', partnershipId: 'leeds' };
const PANEL: Actor = { userId: 'panel-1', role: 'panel' };

const referralData = (referralId: string, tag: string) => ({
  referralId,
  partnershipId: 'leeds',
  localAuthorityCode: 'E08000035',
  agency: 'police',
  nature: 'serious-harm',
  incidentOn: '2026-03-02',
  becameAwareOn: '2026-03-03',
  criteriaView: 'met',
  dslConsulted: true,
  incidentTime: '21:15',
  children: [
    {
      childRef: 'child-1',
      name: marker(`${tag}ChildName`),
      dateOfBirth: '2019-06-15',
      sex: 'female',
      ethnicity: 'white',
      disability: 'no',
      placement: 'at-home',
      lookedAfter: false,
      childInNeedPlan: true,
      childProtectionPlan: false,
      knownToAgencies: 'yes',
    },
  ],
  referrer: {
    name: marker(`${tag}ReferrerName`),
    role: marker(`${tag}ReferrerRole`),
    email: `${marker(`${tag}ReferrerEmail`).toLowerCase()}@police.example`,
  },
  whatHappened: marker(`${tag}WhatHappened`),
  agencyReasons: marker(`${tag}AgencyReasons`),
  location: marker(`${tag}Location`),
});

const rapidReviewData = (incidentId: string) => ({
  incidentId,
  parallelProcesses: ['police-investigation'],
  agenciesInvolved: ['police', 'health'],
  localReviewDecision: 'local-review',
  localCriteria: { improvementsNeeded: true, recurrentThemes: false, multiAgencyConcerns: true, panelSuggested: false },
  nationalCriteria: { improvementsNeeded: true, lawOrGuidanceChanges: false, recurrentThemes: false },
  signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
  facts: marker('RapidFacts'),
  agencySummaries: [{ agency: 'police', summary: marker('RapidAgencySummary') }],
  keyPracticeEpisodes: marker('RapidEpisodes'),
  livedExperience: marker('RapidLivedExperience'),
  immediateActions: marker('RapidImmediateActions'),
  learningIdentified: marker('RapidLearning'),
  decisionReasons: marker('RapidDecisionReasons'),
  signatories: {
    localAuthority: marker('RapidSignatoryLa'),
    integratedCareBoard: marker('RapidSignatoryIcb'),
    police: marker('RapidSignatoryPolice'),
  },
});

const run = (command: Parameters<ObservedPlatform['commands']['execute']>[0], actor: Actor) =>
  platform.commands.execute(command, { actor });

const INCIDENT_QUERY = `query($id: ID!) { incident(id: $id) { __typename ... on Incident { id personalDataErased
  personal { erased location caseOutline incidentTime notifier { name role email } children { name dateOfBirth }
    supportingDocuments rapidReviews { facts agencySummaries keyPracticeEpisodes livedExperience immediateActions
      learningIdentified decisionReasons } } } } }`;
const REVIEW_QUERY = `query($id: ID!) { review(id: $id) { __typename ... on Review { id caseName title
  delays { explanation } reviewer { name organisation } publication { caseName documents { title } } } } }`;
const PUBLISHED_QUERY = `query { publishedReports(first: 50) { edges { node { reviewId caseName title summary themes
  recommendations keywords documents { kind title address } } } } }`;
const LEARNING_QUERY = `query($id: ID!) { reviewLearning(reviewId: $id) { __typename ... on ReviewLearning {
  reviewId title theme learningThemes learningItems { title } recommendations { text } actions { description note }
  } } }`;

/** The sealed free text of a review: its reviewer and, when `learning`, a recommendation, its action and a note. */
const reviewText = async (reviewId: string, tag: string, learning: boolean) => {
  await run(
    {
      type: 'AppointReviewer',
      data: { reviewId, reviewerName: marker(`${tag}Reviewer`), organisation: marker(`${tag}ReviewerOrg`) },
    } as never,
    LEEDS,
  );
  if (!learning) return;
  await run(
    {
      type: 'RecordLearning',
      data: {
        reviewId,
        items: [{ kind: 'briefing', title: marker(`${tag}ItemTitle`) }],
        themes: [marker(`${tag}Theme`)],
      },
    } as never,
    LEEDS,
  );
  await run(
    {
      type: 'AddRecommendation',
      data: { reviewId, recommendationId: 'rec-1', text: marker(`${tag}Recommendation`), assignedAgency: 'police' },
    } as never,
    LEEDS,
  );
  await run(
    {
      type: 'RecordActionForRecommendation',
      data: {
        reviewId,
        actionId: 'act-1',
        recommendationId: 'rec-1',
        description: marker(`${tag}Action`),
        owner: 'Leeds police',
        dueOn: '2026-12-31',
      },
    } as never,
    LEEDS,
  );
  await run(
    {
      type: 'UpdateActionStatus',
      data: {
        reviewId,
        actionId: 'act-1',
        recommendationId: 'rec-1',
        status: 'in-progress',
        note: marker(`${tag}ActionNote`),
      },
    } as never,
    LEEDS,
  );
};

/** Every row of every table of this database as text (bytea shows as \\x hex), with the markers it holds. */
const markersInTables = async (control: string): Promise<string[]> => {
  const { sql } = platform.db;
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`;
  expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(
    expect.arrayContaining(['event_store.events', 'personal_data.data_keys', 'read_models.incidents']),
  );
  const found: string[] = [];
  let controlSeen = false;
  for (const { schema, name } of tables) {
    const rows = await sql<{ row: string }[]>`select t::text as row from ${sql(schema)}.${sql(name)} t`;
    for (const { row } of rows) {
      controlSeen ||= row.includes(control);
      for (const value of markers)
        if (row.includes(value) || row.includes(Buffer.from(value).toString('hex')))
          found.push(`${schema}.${name}: ${value}`);
    }
  }
  // The search sees what is there: the incident's id is stored in plaintext (minimised data).
  expect(controlSeen).toBe(true);
  return found;
};

/**
 * The raw files of every relation of this database (tables, their TOAST tables, indexes), after a CHECKPOINT wrote
 * the shared buffers out: read from the data directory when this process may, else through `pg_read_binary_file`
 * (the test role is a superuser). Answers the markers found and how the files were read.
 */
const markersInRelationFiles = async (control: string): Promise<{ found: string[]; files: number; via: string }> => {
  const { sql } = platform.db;
  // No VACUUM here: the platform itself rewrites the tables whose old row versions held erased text or keys.
  await sql`checkpoint`;
  const [{ dir }] = await sql<[{ dir: string }]>`select current_setting('data_directory') as dir`;
  const relations = await sql<{ name: string; path: string }[]>`
    select c.oid::regclass::text as name, pg_relation_filepath(c.oid) as path
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 't', 'i', 'm') and pg_relation_filepath(c.oid) is not null
      and (n.nspname not in ('pg_catalog', 'information_schema') or n.nspname = 'pg_toast')
      and c.relfilenode <> 0`;
  const found: string[] = [];
  const via = new Set<string>();
  let files = 0;
  let controlSeen = false;
  for (const { name, path } of relations) {
    let bytes: Buffer | null = null;
    try {
      bytes = await readFile(join(dir, path));
      via.add('data directory');
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOENT') continue; // an empty relation has no file yet
      const [row] = await sql<[{ bytes: Buffer | null }]>`select pg_read_binary_file(${path}, true) as bytes`;
      bytes = row.bytes;
      if (bytes) via.add('pg_read_binary_file');
    }
    if (!bytes) continue;
    files += 1;
    controlSeen ||= bytes.includes(Buffer.from(control));
    for (const value of markers) if (bytes.includes(Buffer.from(value))) found.push(`${name} (${path}): ${value}`);
  }
  expect(controlSeen, 'the raw files show the plaintext incident id').toBe(true);
  return { found, files, via: [...via].join(' and ') };
};

/** Every message on the relay's topic, from the beginning to the high watermark. */
const topicMessages = async (): Promise<string[]> => {
  const kafka = new Kafka({ clientId: 'erasure-test-reader', brokers: TEST_BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(platform.topic);
  await admin.disconnect();
  const expected = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
  const consumer = kafka.consumer({ groupId: `erasure-test-${randomUUID()}` });
  const messages: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: platform.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(
        JSON.stringify({
          key: message.key?.toString(),
          value: message.value?.toString(),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        }),
      );
    },
  });
  const deadline = Date.now() + 30_000;
  while (messages.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await consumer.disconnect();
  expect(messages.length).toBe(expected);
  return messages;
};

describe('erasure of a data subject', () => {
  it('leaves no marker in any table, relation file, log line, Kafka message or API answer', async () => {
    // 1. A referral the sub-group decides to notify: the incident is made from it (its facts, sealed again).
    const notifiedReferral = randomUUID();
    const incidentId = randomUUID();
    await run({ type: 'SubmitReferral', data: referralData(notifiedReferral, 'Notified') } as never, OFFICER);
    await run(
      {
        type: 'DecideReferral',
        data: {
          referralId: notifiedReferral,
          outcome: 'notify',
          incidentId,
          notification: {
            guidanceEdition: 'panel-guidance-2025',
            notifier: {
              name: marker('NotifierName'),
              role: marker('NotifierRole'),
              email: `${marker('NotifierEmail').toLowerCase()}@leeds.example`,
            },
          },
        },
      } as never,
      LEEDS,
    );
    await run(
      {
        type: 'AmendNotification',
        data: {
          incidentId,
          reason: 'correcting-a-mistake',
          changes: { supportingDocuments: [marker('SupportingDocument')] },
        },
      } as never,
      LEEDS,
    );
    await run({ type: 'SubmitRapidReview', data: rapidReviewData(incidentId) } as never, LEEDS);
    await run(
      { type: 'RespondToRapidReview', data: { incidentId, outcome: 'agreed', comments: marker('PanelComments') } },
      PANEL,
    );
    const localReview = randomUUID();
    await run(
      {
        type: 'CommissionLocalReview',
        data: {
          reviewId: localReview,
          partnershipId: 'leeds',
          incidentIds: [incidentId],
          guidanceEdition: 'panel-guidance-2025',
          caseName: marker('LocalCaseName'),
        },
      } as never,
      LEEDS,
    );
    await run(
      {
        type: 'DelayPublication',
        data: { reviewId: localReview, reason: 'inquest', panelInformed: true, explanation: marker('LocalDelay') },
      } as never,
      LEEDS,
    );

    // 2. A referral declined without a notification: its own data subject.
    const declinedReferral = randomUUID();
    await run({ type: 'SubmitReferral', data: referralData(declinedReferral, 'Declined') } as never, OFFICER);
    await run(
      {
        type: 'DecideReferral',
        data: { referralId: declinedReferral, outcome: 'no-further-action', reasons: marker('DeclineReasons') },
      } as never,
      LEEDS,
    );

    // 3. A non-statutory review from a third referral, linked to no incident.
    const reviewedReferral = randomUUID();
    const learningReview = randomUUID();
    await run({ type: 'SubmitReferral', data: referralData(reviewedReferral, 'Reviewed') } as never, OFFICER);
    await run(
      {
        type: 'DecideReferral',
        data: {
          referralId: reviewedReferral,
          outcome: 'alternative-review',
          reviewKind: 'multi-agency-learning-review',
          reviewId: learningReview,
          reasons: marker('AlternativeReasons'),
          reviewTitle: marker('LearningTitle'),
        },
      } as never,
      LEEDS,
    );
    await run(
      {
        type: 'DelayPublication',
        data: { reviewId: learningReview, reason: 'other', panelInformed: false, explanation: marker('LearningDelay') },
      } as never,
      LEEDS,
    );
    await reviewText(localReview, 'Local', false);
    await reviewText(learningReview, 'Learning', true);
    // Its executive summary is a file uploaded to the platform (POST /documents): its bytes describe the child.
    await migrateDocuments(platform.db.sql);
    const storedSummary = await createDocumentStore(platform.db.sql).store(
      (async function* () {
        yield Buffer.from(`%PDF-1.7\n% ${marker('DocumentBytes')}\n${' '.repeat(1024)}\n%%EOF`);
      })(),
    );
    // Its report is published: the record's text and its document's title are sealed under the review's key, and the
    // projector opens them into the public lists (docs/personal-data.md "Review free text").
    await run(
      {
        type: 'PublishReport',
        data: {
          reviewId: learningReview,
          publishedOn: '2026-03-10',
          publication: 'full-report',
          caseName: marker('PublishedCaseName'),
          documents: [
            {
              kind: 'overview-report',
              title: marker('DocumentTitle'),
              address: 'https://leeds.example/reports/learning-review.pdf',
              checksum: 'c'.repeat(64),
            },
            {
              kind: 'executive-summary',
              title: marker('StoredDocumentTitle'),
              address: `/documents/${storedSummary.sha256}`,
              checksum: storedSummary.sha256,
            },
          ],
          summary: marker('PublishedSummary'),
          learningThemes: [marker('PublishedTheme')],
          recommendations: [marker('PublishedRecommendation')],
          keywords: [marker('PublishedKeyword')],
          reviewModel: 'systems-learning',
        },
      } as never,
      LEEDS,
    );

    // 4. A thematic review across both reviews: its title and theme are pseudonyms the projector opens into lists.
    const thematicReview = randomUUID();
    await run(
      {
        type: 'CommissionThematicReview',
        data: {
          reviewId: thematicReview,
          partnershipId: 'leeds',
          title: marker('ThematicTitle'),
          theme: marker('ThematicTheme'),
          incidentIds: [],
          reviewIds: [localReview, learningReview],
        },
      } as never,
      LEEDS,
    );
    await platform.settled();

    // Before: the markers are there to be found (the API opens them), so the searches below can see them.
    const leeds = { role: 'partnership' as const, partnership: 'leeds' };
    const before = JSON.stringify([
      await platform.graphqlAs(leeds, INCIDENT_QUERY, { id: incidentId }),
      await platform.graphqlAs(leeds, REVIEW_QUERY, { id: localReview }),
      await platform.graphqlAs(leeds, REVIEW_QUERY, { id: learningReview }),
      await platform.graphqlAs(leeds, LEARNING_QUERY, { id: learningReview }),
      await platform.graphqlAs(leeds, LEARNING_QUERY, { id: thematicReview }),
      await platform.graphqlAs(leeds, PUBLISHED_QUERY),
    ]);
    const storedBytes = async () =>
      (await platform.db.sql<[{ n: number }]>`select count(*)::int as n from documents.chunks`)[0].n;
    expect(await storedBytes()).toBe(1);
    for (const field of [
      'DocumentTitle',
      'StoredDocumentTitle',
      'PublishedCaseName',
      'PublishedSummary',
      'PublishedKeyword',
      'LearningTitle',
      'LearningTheme',
      'ThematicTitle',
      'ThematicTheme',
      'NotifiedChildName',
      'NotifiedWhatHappened',
      'RapidFacts',
      'LocalDelay',
      'LearningDelay',
      'LocalReviewer',
      'LearningReviewerOrg',
      'LearningItemTitle',
      'LearningRecommendation',
      'LearningAction',
      'LearningActionNote',
    ])
      expect(before).toContain(`Zq${field}${RUN}`);

    // Every key of the three subjects and of what describes the same child: all destroyed by the erasures below.
    const subjects = [
      incidentId,
      notifiedReferral,
      localReview,
      declinedReferral,
      learningReview,
      reviewedReferral,
      thematicReview,
    ];
    // The wrapped data keys the erasures destroy: no copy may survive either, old row versions in the files included.
    const wrappedKeys = await platform.db.sql<{ wrapped_key: string }[]>`
      select wrapped_key from personal_data.data_keys
      where subject_id in ${platform.db.sql(subjects)} and wrapped_key is not null`;
    expect(wrappedKeys).toHaveLength(7);
    markers.push(...wrappedKeys.map((k) => k.wrapped_key));

    // 5. Four erasures, each requested by one admin and approved by another, through the API.
    const admin1 = { role: 'admin' as const, sub: 'admin-1' };
    const admin2 = { role: 'admin' as const, sub: 'admin-2' };
    const answers: unknown[] = [];
    for (const subject of [
      { incidentId },
      { referralId: declinedReferral },
      { reviewId: learningReview },
      { reviewId: thematicReview },
    ]) {
      const asked = await platform.graphqlAs(
        admin1,
        'mutation($input: RequestErasureInput!) { requestErasure(input: $input) { __typename ... on ErasurePayload { incidentId referralId reviewId position } ... on ClientError { message } } }',
        { input: { ...subject, legalBasis: 'data-subject-request' } },
      );
      expect(asked.data?.requestErasure).toMatchObject({ __typename: 'ErasurePayload', ...subject });
      const approved = await platform.graphqlAs(
        admin2,
        'mutation($input: ApproveErasureInput!) { approveErasure(input: $input) { __typename ... on ErasurePayload { incidentId referralId reviewId position } ... on ClientError { message } } }',
        { input: subject },
      );
      expect(approved.data?.approveErasure).toMatchObject({ __typename: 'ErasurePayload', ...subject });
      answers.push(asked, approved);
    }
    await platform.settled();

    // Every one of those keys is destroyed.
    const keys = await platform.db.sql<{ subject_id: string; destroyed: boolean }[]>`
      select subject_id, wrapped_key is null and destroyed_at is not null as destroyed
      from personal_data.data_keys where subject_id in ${platform.db.sql(subjects)}`;
    expect(
      keys
        .filter((k) => k.destroyed)
        .map((k) => k.subject_id)
        .sort(),
    ).toEqual([...subjects].sort());

    // The uploaded file's bytes are deleted with the erasure (read-models withdrawn-documents.ts), and the store's
    // tables are rewritten with the read models (settled() waited for it), so their files keep no old row version.
    expect(await storedBytes()).toBe(0);

    // 6. API answers after erasure, for every reader that could see these records.
    const panel = { role: 'panel' as const };
    for (const caller of [leeds, panel, admin2]) {
      answers.push(await platform.graphqlAs(caller, INCIDENT_QUERY, { id: incidentId }));
      answers.push(await platform.graphqlAs(caller, REVIEW_QUERY, { id: localReview }));
      answers.push(await platform.graphqlAs(caller, REVIEW_QUERY, { id: learningReview }));
      answers.push(await platform.graphqlAs(caller, LEARNING_QUERY, { id: localReview }));
      answers.push(await platform.graphqlAs(caller, LEARNING_QUERY, { id: learningReview }));
      answers.push(await platform.graphqlAs(caller, REVIEW_QUERY, { id: thematicReview }));
      answers.push(await platform.graphqlAs(caller, LEARNING_QUERY, { id: thematicReview }));
    }
    // Lists, search and recurring themes read the opened pseudonyms: after the erasures they hold none.
    answers.push(
      await platform.graphqlAs(leeds, 'query { reviews(first: 50) { edges { node { id caseName title } } } }'),
      await platform.graphqlAs(panel, 'query { recurringThemes(minPartnerships: 1) { theme reviewIds } }'),
      await platform.graphqlAs(leeds, PUBLISHED_QUERY),
    );
    answers.push(
      await platform.graphqlAs(
        leeds,
        'query { referrals { edges { node { id status decision { outcome incidentId reviewId } } } } }',
      ),
      await platform.graphqlAs(
        { role: 'agency', partnership: 'leeds', sub: 'officer-1' },
        'query { referrals { edges { node { id status } } } }',
      ),
      await platform.graphqlAs(
        admin2,
        'query { erasureRequests { totalCount edges { node { subjectKind incidentId referralId reviewId reference status legalBasis } } } }',
      ),
      await platform.graphqlAs(
        admin2,
        'query { personalDataReads(first: 100) { totalCount edges { node { readerId subjectReference fields purpose } } } }',
      ),
      await platform.graphqlAs(
        leeds,
        'query { incidents(first: 50) { edges { node { id status personalDataErased } } } }',
      ),
    );
    const afterAnswers = JSON.stringify(answers);
    expect(afterAnswers).toContain('"personalDataErased":true');
    expect(afterAnswers).toContain('"erased":true');
    expect(afterAnswers).toContain('"name":"Details removed"');
    expect(afterAnswers).toContain('"text":"Details removed"');
    // The published report stays listed with its document's address; the title is the platform's copy, removed.
    expect(afterAnswers).toContain(
      '{"kind":"OVERVIEW_REPORT","title":"Details removed","address":"https://leeds.example/reports/learning-review.pdf"}',
    );
    // The uploaded file is withdrawn: listed by its kind, with no address to follow.
    expect(afterAnswers).toContain('{"kind":"EXECUTIVE_SUMMARY","title":"Details removed","address":null}');
    const erasedRequests = answers.at(-3) as { data?: { erasureRequests: { totalCount: number } } };
    expect(erasedRequests.data?.erasureRequests.totalCount).toBe(4);
    for (const value of markers) expect(afterAnswers, `an API answer holds ${value}`).not.toContain(value);

    // 7. The database, its files on disk, the logs and the topic.
    expect(await markersInTables(incidentId)).toEqual([]);
    const files = await markersInRelationFiles(incidentId);
    expect(files.files).toBeGreaterThan(10);
    expect(files.found).toEqual([]);
    console.info(`erasure markers: ${markers.length} markers; ${files.files} relation files read via ${files.via}`);
    const output = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const value of markers) expect(output, `a log line holds ${value}`).not.toContain(value);
    const wire = (await topicMessages()).join('\n');
    expect(wire).toContain(incidentId);
    for (const value of markers) expect(wire, `a Kafka message holds ${value}`).not.toContain(value);
  }, 180_000);
});
