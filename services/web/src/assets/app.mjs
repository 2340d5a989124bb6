// Progressive enhancement only: every page works without this script. The layout names the fingerprinted
// addresses of GOV.UK Frontend and MoJ's sortable table on <body>, so this file needs no build step.
const { govukFrontend, mojSortableTable } = document.body.dataset;

const govuk = await import(govukFrontend);
govuk.initAll();

if (document.querySelector('[data-module="moj-sortable-table"]')) {
  const { SortableTable } = await import(mojSortableTable);
  govuk.createAll(SortableTable);
}
