// GOV.UK Frontend and MoJ Frontend ship JavaScript without type declarations: the little used here, typed loosely.
declare module 'govuk-frontend' {
  type ComponentClass = new (root: Element, config?: unknown) => unknown;
  export const createAll: (component: ComponentClass, config?: unknown, scope?: Element | Document) => unknown[];
  export const Button: ComponentClass;
  export const ErrorSummary: ComponentClass;
  export const Radios: ComponentClass;
  export const Checkboxes: ComponentClass;
  export const NotificationBanner: ComponentClass;
  export const ServiceNavigation: ComponentClass;
  export const SkipLink: ComponentClass;
}
declare module '@ministryofjustice/frontend/moj/components/sortable-table/sortable-table.mjs' {
  export const SortableTable: new (root: Element, config?: unknown) => unknown;
}
