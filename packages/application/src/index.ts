export { createCommandHandler } from './command-handler';
export type { ApplicationCommand, CommandHandler, CommandHandlerOptions, CommandResult } from './command-handler';
export type { CommandEnvelope, DecisionResult, AppendedEvent } from './execute-decision';
export type { PartnershipReference } from './reference-data';
export { loadPartnership } from './reference-data';
export { registerDefaultPartnerships, REFERENCE_DATA_ACTOR } from './register-default-partnerships';
export { uuidV5 } from './uuid-v5';
export type { DecideReferralRequest, ReferralApplicationCommand } from './referral-decisions';
export type { ReviewApplicationCommand } from './review-decisions';
