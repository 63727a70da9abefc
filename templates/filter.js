// Filters the member table (id="members") by name, 编号 or 党小组.
// Optional: without JavaScript the whole table shows and the box stays hidden.
(function () {
  "use strict";
  var box = document.querySelector("[data-filter-for]");
  if (!box) { return; }
  var table = document.getElementById(box.getAttribute("data-filter-for"));
  if (!table || !table.tBodies.length) { return; }
  var input = box.querySelector("input");
  var select = box.querySelector("select");
  var count = box.querySelector(".filter-count");
  var rows = table.tBodies[0].rows;
  function apply() {
    var q = input.value.trim().toLowerCase();
    var g = select ? select.value : "";
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!q || (r.getAttribute("data-search") || "").toLowerCase().indexOf(q) >= 0) &&
        (!g || r.getAttribute("data-group") === g);
      r.hidden = !ok;
      if (ok) { shown++; }
    }
    count.textContent = (q || g) ? "显示 " + shown + " / " + rows.length + " 人" : "";
  }
  input.addEventListener("input", apply);
  if (select) { select.addEventListener("change", apply); }
  box.hidden = false;
})();
