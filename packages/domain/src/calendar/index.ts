// The working-day calendar and deadline rules (issue 2 item 3).
export { londonDate } from './london-date';
export { createEnglandAndWalesCalendar, type WorkingDayCalendar, type HolidayOverrides } from './working-day-calendar';
export { englandAndWalesMovedHolidays, englandAndWalesOneOffHolidays, type BankHoliday } from './bank-holidays';
export {
  deadlineRuleSets,
  finalReportNoticeWorkingDays,
  notificationRuleFor,
  CARE_LEAVER_NOTIFICATION_GUIDANCE,
  DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  type DeadlineKind,
  type DeadlineAnchor,
  type DeadlineRule,
  type DeadlineRuleSet,
} from './deadline-rules';
export {
  computeDeadlines,
  deadlineStatus,
  type Deadline,
  type DeadlineOptions,
  type DeadlineStatus,
} from './deadlines';
export { addCalendarDays, addMonths, addYears } from './calendar-date';
export { dateInWords, monthInWords } from './calendar-words';
export {
  guidanceEditionInForce,
  editionInForceFor,
  GUIDANCE_EDITION_PERIODS,
  type GuidanceEditionPeriod,
} from './guidance-editions';
