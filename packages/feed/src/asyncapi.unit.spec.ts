/** The AsyncAPI document and the code describe the same feed: every message type, schema file and the topic. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { FEED_MESSAGE_TYPES, FEED_TOPIC, loadFeedSchemas, schemaNameOf } from './index';

const asyncapi = readFileSync(fileURLToPath(new URL('../asyncapi.yaml', import.meta.url)), 'utf8');
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

describe('asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3.0.0 document (checked against the official JSON Schema of the specification)', () => {
    const specification = createRequire(import.meta.url)('@asyncapi/specs/schemas/3.0.0-without-$id.json') as Record<
      string,
      unknown
    >;
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    const validate = ajv.compile(specification);
    const valid = validate(parse(asyncapi));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is AsyncAPI 3.0 for the topic cspr.notifications.v1', () => {
    expect(asyncapi).toMatch(/^asyncapi: 3\.0\.0$/m);
    expect(asyncapi).toMatch(new RegExp(`^    address: ${FEED_TOPIC.replaceAll('.', '\\.')}$`, 'm'));
  });

  it('documents exactly the message types the code sends, each with the schema file the validator uses', () => {
    const names = [...asyncapi.matchAll(/^      name: (\S+)$/gm)].map((m) => m[1]);
    expect(new Set(names)).toEqual(new Set(Object.values(FEED_MESSAGE_TYPES)));
    const schemas = loadFeedSchemas();
    for (const type of Object.values(FEED_MESSAGE_TYPES)) {
      const file = schemaNameOf(type);
      expect(asyncapi).toContain(`$ref: './schemas/${file}.json'`);
      expect(schemas[file]?.title).toBe(type);
    }
  });

  it('points at a header schema that exists', () => {
    expect(asyncapi).toContain("$ref: './schemas/headers.v1.json'");
    expect(existsSync(fileURLToPath(new URL('../schemas/headers.v1.json', import.meta.url)))).toBe(true);
  });
});
