/**
 * One child, as notifications and referrals both record it (`NotifiedChildInput`): the fields carry their checks,
 * built from the domain's limits, so every mutation that takes a child receives it checked. `name` and
 * `dateOfBirth` are personal data: sealed, and read only by those the access policy allows.
 */
import { MAX_CHILDREN } from '@cspr/domain';
import { builder } from '../builder';
import { ageInYearsSchema, calendarDateSchema, childRefSchema, shortText } from '../input-rules';
import { EthnicityEnum, PlacementEnum, SexEnum, YesNoNotKnownEnum } from './vocabulary';

export const ChildInput = builder.inputType('NotifiedChildInput', {
  description: `One child (up to ${MAX_CHILDREN} per notification or referral). \`name\` and \`dateOfBirth\` are personal data: encrypted, and read only by the owning partnership and the Panel.`,
  fields: (t) => ({
    childRef: t.string({ description: `child-1 … child-${MAX_CHILDREN}`, validate: childRefSchema }),
    name: t.string({ validate: shortText() }),
    dateOfBirth: t.string({
      required: false,
      description: 'YYYY-MM-DD. Give this or ageInYears; neither means unknown.',
      validate: calendarDateSchema,
    }),
    ageInYears: t.int({ required: false, validate: ageInYearsSchema }),
    sex: t.field({ type: SexEnum }),
    ethnicity: t.field({ type: EthnicityEnum }),
    disability: t.field({ type: YesNoNotKnownEnum }),
    placement: t.field({ type: PlacementEnum }),
    lookedAfter: t.boolean(),
    childInNeedPlan: t.boolean(),
    childProtectionPlan: t.boolean(),
    knownToAgencies: t.field({ type: YesNoNotKnownEnum }),
    under18: t.boolean({ required: false, description: 'Care-leaver deaths: whether the young person was under 18.' }),
  }),
});
