/**
 * The zod checks the gateway declares on its inputs, built from the domain's limits (`@cspr/domain` input-limits),
 * so the gateway, the web's forms and the deciders hold one set of numbers. The gateway checks shapes and formats
 * so a client learns at once which field is wrong; the decider stays the final judge of every rule.
 */
import { z } from 'zod';
import {
  CHILD_REFS,
  EMAIL_MAX,
  EMAIL_PATTERN,
  FREE_TEXT_MAX,
  INCIDENT_TIME_PATTERN,
  LOCAL_AUTHORITY_CODE_PATTERN,
  LOCATION_MAX,
  MAX_AGE_IN_YEARS,
  MAX_CHILDREN,
  MAX_SUPPORTING_DOCUMENTS,
  PHONE_MAX,
  PHONE_PATTERN,
  SHORT_TEXT_MAX,
} from '@cspr/domain';

// PostgreSQL's jsonb (where events live) refuses \u0000 and unpaired UTF-16 surrogates: refused here as a
// validation error rather than failing the append as an unexpected error (found by the hostile-input specs).
export const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const UNSTORABLE_MESSAGE = 'text must not hold NUL characters or unpaired surrogates';
const storable = () => z.string().refine((text) => !UNSTORABLE.test(text), UNSTORABLE_MESSAGE);

export const commandIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
  .nullish();
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'an id of letters, digits, - or _');
export const calendarDateSchema = z.iso.date();
/** One-line text, trimmed on purpose (names, roles, titles): never blank. */
export const shortText = (max = SHORT_TEXT_MAX) => storable().trim().min(1).max(max);
/** Free text, kept exactly as written. */
export const freeText = (max = FREE_TEXT_MAX) => storable().max(max);

export const childRefSchema = z.enum(CHILD_REFS);
export const ageInYearsSchema = z.number().int().min(0).max(MAX_AGE_IN_YEARS);
export const emailSchema = storable().trim().max(EMAIL_MAX).regex(EMAIL_PATTERN, 'an email address');
export const phoneSchema = shortText(PHONE_MAX).regex(PHONE_PATTERN, 'a telephone number');
export const localAuthorityCodeSchema = z
  .string()
  .regex(LOCAL_AUTHORITY_CODE_PATTERN, 'an English local authority code such as E08000035');
export const incidentTimeSchema = z.string().regex(INCIDENT_TIME_PATTERN, 'HH:MM');
export const locationSchema = shortText(LOCATION_MAX);
export const requiredFreeText = (max = FREE_TEXT_MAX) => freeText(max).min(1);
/** A list field's length (its items carry their own checks). */
export const childrenListSchema = z.array(z.unknown()).min(1).max(MAX_CHILDREN);
export const supportingDocumentsSchema = z.array(shortText()).max(MAX_SUPPORTING_DOCUMENTS);
