/**
 * The limits of what the platform accepts as input, stated once. The deciders judge by them (they are the final
 * judge); the gateway declares its input checks with them and the web's forms say them, so the three cannot
 * disagree. Plain constants with no imports: browser code may import this module on its own
 * (`@cspr/domain/input-limits`).
 */

/** Names, roles, titles and other one-line texts. */
export const SHORT_TEXT_MAX = 300;
/** Case outlines, explanations and other free text. */
export const FREE_TEXT_MAX = 50_000;
/** Where the incident happened. */
export const LOCATION_MAX = 1000;

/** RFC 5321 caps an address at 254 characters; the pattern only asks for something@domain.tld. */
export const EMAIL_MAX = 254;
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** UK and international numbers with spaces, brackets and dashes, e.g. "+44 113 222 3333". */
export const PHONE_MAX = 30;
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,29}$/;

/** English local authority ONS codes: E06 unitary, E07 district, E08 metropolitan, E09 London borough. */
export const LOCAL_AUTHORITY_CODE_PATTERN = /^E(0[6-9]|10)\d{6}$/;
/** The incident's time of day, England local time, 24-hour HH:MM. */
export const INCIDENT_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Children on one notification or referral (current GOV.UK guidance); more are described in the case outline. */
export const MAX_CHILDREN = 4;
/** Care leavers are notified up to age 24; 25 leaves room for a birthday between incident and notification. */
export const MAX_AGE_IN_YEARS = 25;
export const MAX_SUPPORTING_DOCUMENTS = 50;
