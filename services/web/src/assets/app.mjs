// Progressive enhancement only: every page works without this script. The layout names the fingerprinted
// addresses of GOV.UK Frontend, MoJ's sortable table and GDS's accessible autocomplete on <body>, so this file
// needs no build step.
const { govukFrontend, mojSortableTable, accessibleAutocomplete } = document.body.dataset;

const govuk = await import(govukFrontend);
govuk.initAll();

if (document.querySelector('[data-module="moj-sortable-table"]')) {
  const { SortableTable } = await import(mojSortableTable);
  govuk.createAll(SortableTable);
}

// "Print this page" buttons: the print stylesheet decides what goes on paper.
for (const button of document.querySelectorAll('[data-module="app-print-link"]')) {
  button.addEventListener('click', () => window.print());
}

// Local authorities chosen by name: the select becomes a type-ahead box over the same options. The library is a
// UMD bundle; loaded as a module it sets self.accessibleAutocomplete.
const selects = document.querySelectorAll('select[data-module="app-autocomplete"]');
if (selects.length) {
  await import(accessibleAutocomplete);
  for (const selectElement of selects) {
    const id = selectElement.id;
    self.accessibleAutocomplete.enhanceSelectElement({
      selectElement,
      defaultValue: selectElement.value ? selectElement.selectedOptions[0].text : '',
      // The chosen name picks its option; a box left empty goes back to the placeholder ("Any local authority"),
      // which the library alone would not do.
      onConfirm: (name) => {
        const typed = name ?? document.getElementById(id)?.value ?? '';
        const option = [...selectElement.options].find((o) => o.value && o.text === typed);
        if (option) option.selected = true;
        else if (!typed.trim()) selectElement.value = '';
      },
      // The placeholder option ("Any local authority") is not a name to offer.
      source: (query, populate) => {
        const q = query.trim().toLowerCase();
        populate(
          [...selectElement.options].filter((o) => o.value && o.text.toLowerCase().includes(q)).map((o) => o.text),
        );
      },
    });
  }
}
