/**
 * Every GraphQL operation the web application sends, in one place: the build writes them to
 * dist/allowed-operations.json (`{ sha256: document }`), the allow-list the gateway enforces in production, so the
 * browser can only ever run these. Pages import the constants and send them verbatim.
 */
const clientErrors = `... on ClientError { __typename message code }
    ... on ValidationError { field }`;

export const VIEWER = `query Viewer { viewer { role userId partnershipId } }`;

export const NOTIFY_INCIDENT = `mutation NotifyIncident($input: NotifyIncidentInput!) {
  notifyIncident(input: $input) {
    __typename
    ... on IncidentPayload { incidentId position }
    ${clientErrors}
  }
}`;

export const OPERATIONS: Record<string, string> = { VIEWER, NOTIFY_INCIDENT };
