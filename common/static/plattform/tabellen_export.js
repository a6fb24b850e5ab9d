/* The admin's export page (admin/tabellen_export.html): "select all" ticks or clears every
   field, through django-import-export's own handler, without an inline onchange attribute. */
(function () {
  "use strict";
  document.addEventListener("change", function (ereignis) {
    if (ereignis.target.matches(".select-toggle") && window.onSelectToggleChange) {
      window.onSelectToggleChange(ereignis);
    }
  });
})();
