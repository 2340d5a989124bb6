/**
 * The JSON Schemas of the feed (`schemas/*.json`, the published contract) and a validator built from them. The
 * relay's tests and the property tests validate every message against them, so the schema files cannot drift
 * from what is actually sent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { schemaNameOf } from './feed-contract';
import type { FeedMessageType } from './feed-contract';

export const FEED_SCHEMA_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const FEED_SCHEMA_BASE = 'https://schemas.cspr.service.gov.uk/feed/';

/** Every schema file by name (`incident-notified.v1`, `headers.v1`, `common.v1`, ...). */
export const loadFeedSchemas = (): Record<string, Record<string, unknown>> =>
  Object.fromEntries(
    readdirSync(FEED_SCHEMA_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => [
        file.replace(/\.json$/, ''),
        JSON.parse(readFileSync(`${FEED_SCHEMA_DIR}${file}`, 'utf8')) as Record<string, unknown>,
      ]),
  );

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

export type FeedValidation = { valid: true } | { valid: false; errors: string[] };

export type FeedValidator = {
  /** Validates a consumed or produced message: its headers, and its value against the schema its `ce_type` names. */
  validate: (message: { headers: Record<string, string | undefined>; value: string }) => FeedValidation;
};

const describe = (where: string, errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${where}${e.instancePath || '/'} ${e.message ?? 'invalid'}`);

export const createFeedValidator = (): FeedValidator => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  for (const schema of Object.values(loadFeedSchemas())) ajv.addSchema(schema);
  const compiled = new Map<string, ValidateFunction>();
  const schemaFor = (name: string) => {
    let fn = compiled.get(name);
    if (!fn) {
      fn = ajv.getSchema(`${FEED_SCHEMA_BASE}${name}.json`);
      if (!fn) return undefined;
      compiled.set(name, fn);
    }
    return fn;
  };
  return {
    validate: ({ headers, value }) => {
      const errors: string[] = [];
      const headerSchema = schemaFor('headers.v1')!;
      const cleanHeaders = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
      if (!headerSchema(cleanHeaders)) errors.push(...describe('headers', headerSchema.errors));
      const dataSchema = headers.ce_type ? schemaFor(schemaNameOf(headers.ce_type as FeedMessageType)) : undefined;
      if (!dataSchema) return { valid: false, errors: [...errors, `no schema for ce_type ${String(headers.ce_type)}`] };
      let data: unknown;
      try {
        data = JSON.parse(value);
      } catch {
        return { valid: false, errors: [...errors, 'value is not JSON'] };
      }
      if (!dataSchema(data)) errors.push(...describe('value', dataSchema.errors));
      if (headers.ce_subject !== undefined && typeof data === 'object' && data !== null) {
        const d = data as { incidentId?: unknown; incidentIds?: unknown[] };
        const expected = typeof d.incidentId === 'string' ? d.incidentId : d.incidentIds?.[0];
        if (expected !== headers.ce_subject) errors.push('headers/ce_subject is not the incident the data is about');
      }
      return errors.length === 0 ? { valid: true } : { valid: false, errors };
    },
  };
};
