/* Repairs for accessibility defects of third-party components, until their makers fix them
   (axe-core finds each in tests/browser/test_accessible.py; delete a repair when its
   component is fixed and the test still passes without it):
   - dash-bootstrap-components 2.0.4 Tabs: its tab links have no event key, so every link
     gets tabindex -1 (no tab reachable by the keyboard), the id "...-tab-null" and an
     aria-controls naming no element. Each link gets the id its panel's aria-labelledby
     names (from the dbc.Tab's id, `dashboard-tab-KEY`), is focusable, and says whether it
     is selected.
   - Dash 4 Dropdown: the Tab key lands on an input hidden from screen readers (aria-hidden),
     which hands the focus to the dropdown's button (tabindex -1). The button itself is put
     in the Tab order instead, and the hidden input taken out.
   - Dash 4 DatePickerRange: a div carrying a button's ARIA (haspopup, expanded, a label
     naming "undefined") and a clear link without href carrying a label: the div loses the
     attributes (its two inputs are labelled), the clear link becomes a button. */
(function () {
  "use strict";

  function repairTabs() {
    document.querySelectorAll(".nav-tabs[role=tablist]").forEach((list) => {
      const pane = list.parentElement.querySelector("[role=tabpanel][aria-labelledby]");
      const prefix = pane ? pane.getAttribute("aria-labelledby").replace(/-tab-[^-]*$/, "") : null;
      list.querySelectorAll(".nav-item").forEach((item) => {
        const link = item.querySelector("[role=tab]");
        const key = (item.id || "").replace(/^dashboard-tab-/, "");
        if (!link || !key || !prefix) {
          return;
        }
        const selected = link.classList.contains("active");
        const wanted = {
          id: `${prefix}-tab-${key}`,
          tabindex: "0",
          "aria-selected": String(selected),
        };
        Object.entries(wanted).forEach(([name, value]) => {
          if (link.getAttribute(name) !== value) {
            link.setAttribute(name, value);
          }
        });
        const controlled = `${prefix}-tabpane-${key}`;
        if (document.getElementById(controlled)) {
          if (link.getAttribute("aria-controls") !== controlled) {
            link.setAttribute("aria-controls", controlled);
          }
        } else if (link.hasAttribute("aria-controls")) {
          link.removeAttribute("aria-controls");
        }
      });
    });
  }

  function repairDropdowns() {
    document.querySelectorAll(".dash-dropdown-wrapper").forEach((wrapper) => {
      const input = wrapper.querySelector(":scope > input.dash-dropdown-focus-target[aria-hidden=true]");
      const button = wrapper.querySelector(":scope > button.dash-dropdown");
      if (!input || !button) {
        return;
      }
      if (input.getAttribute("tabindex") !== "-1") {
        input.setAttribute("tabindex", "-1");
      }
      if (button.getAttribute("tabindex") !== "0") {
        button.setAttribute("tabindex", "0");
      }
    });
  }

  function repairDatePickers() {
    document.querySelectorAll(".dash-datepicker-input-wrapper[aria-haspopup]").forEach((wrapper) => {
      ["aria-labelledby", "aria-haspopup", "aria-expanded", "aria-disabled", "type"].forEach((name) =>
        wrapper.removeAttribute(name),
      );
    });
    document.querySelectorAll("a.dash-datepicker-clear:not([role])").forEach((clear) => {
      clear.setAttribute("role", "button");
      clear.setAttribute("tabindex", "0");
    });
  }

  let queued = false;
  function repair() {
    queued = false;
    repairTabs();
    repairDropdowns();
    repairDatePickers();
  }
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(repair);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["class", "tabindex", "aria-haspopup"] });
})();
