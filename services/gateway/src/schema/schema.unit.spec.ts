import { describe, expect, it } from 'vitest';
import { getNamedType, isObjectType, isUnionType } from 'graphql';
import { buildSchema } from './index';
import { INCIDENT_FIELD_READS } from './incident';
import { PUBLISHED_REPORT_FIELDS } from './published-report';

const CONTRACT_MUTATIONS = [
  'notifyIncident',
  'amendNotification',
  'withdrawNotification',
  'submitRapidReview',
  'respondToRapidReview',
  'commissionLocalReview',
  'commissionNationalReview',
  'appointReviewer',
  'delayPublication',
  'submitFinalReport',
  'publishReport',
  'recordActionPlanProgress',
  'closeReview',
  'registerPartnership',
  'changePartnership',
  'erasePersonalData',
];
const CONTRACT_QUERIES = [
  'incident',
  'incidents',
  'panelQueue',
  'review',
  'reviews',
  'publishedReports',
  'nationalStatistics',
  'notificationFeed',
  'projectorStatus',
];

describe('schema contract', () => {
  const schema = buildSchema();
  const mutations = schema.getMutationType()!.getFields();
  const queries = schema.getQueryType()!.getFields();

  it('has every contract mutation and query', () => {
    expect(Object.keys(mutations)).toEqual(expect.arrayContaining(CONTRACT_MUTATIONS));
    expect(Object.keys(queries)).toEqual(expect.arrayContaining(CONTRACT_QUERIES));
  });

  it('answers every mutation with a union of a payload carrying `position` and the five client errors', () => {
    for (const [name, field] of Object.entries(mutations)) {
      const union = getNamedType(field.type);
      if (!isUnionType(union)) throw new Error(`${name} does not answer a union`);
      const members = union.getTypes().map((t) => t.name);
      expect(members, name).toEqual(
        expect.arrayContaining([
          'ValidationError',
          'ForbiddenError',
          'NotFoundError',
          'ConflictError',
          'IllegalStateError',
        ]),
      );
      const payload = union.getTypes().find((t) => t.name.endsWith('Payload'));
      expect(
        payload && isObjectType(payload) && payload.getFields().position,
        `${name} payload has position`,
      ).toBeTruthy();
    }
  });

  it('lets every query wait for a position (read your writes)', () => {
    for (const [name, field] of Object.entries(queries)) {
      if (name === 'partnerships' || name === 'viewer' || CONTRACT_QUERIES.includes(name)) {
        expect(
          field.args.map((a) => a.name),
          name,
        ).toContain('consistentAfter');
      }
    }
  });

  it('says which columns every field of Incident reads, so lists fetch only those', () => {
    const incident = schema.getType('Incident');
    if (!isObjectType(incident)) throw new Error('Incident is not an object type');
    expect(Object.keys(incident.getFields()).filter((field) => !(field in INCIDENT_FIELD_READS))).toEqual([]);
  });

  it('names every field of PublishedReport as a field of the view, so listings fetch only their columns', () => {
    const report = schema.getType('PublishedReport');
    if (!isObjectType(report)) throw new Error('PublishedReport is not an object type');
    expect(Object.keys(report.getFields()).filter((field) => !PUBLISHED_REPORT_FIELDS.has(field))).toEqual([]);
  });
});
