"use strict";
/*
 * Accessibility repairs for the API documentation (/api/docs/, Swagger UI).
 *
 * Swagger UI renders with React, after this script and again whenever a reader opens something, so
 * the repairs run on every change of the page (a MutationObserver; its callback runs before the
 * browser does anything else, so nobody ever meets the unrepaired markup). Each repair only adds
 * or corrects an attribute that React does not change again while its own props stay the same.
 *
 * - Form fields without a name: a parameter's value (a <select> of its allowed values, an array's
 *   items) is named after the parameter, a field of a form body (a file) after the field; the
 *   example <select> of a response after its status; the request body's <textarea>; the dialog's
 *   close button.
 * - Code that scrolls sideways (a long line of an example) is reachable by keyboard (tabindex).
 * - Deep links nested in buttons: an operation's path is a link (deepLinking) inside the button that
 *   opens it. Two controls in one cannot be told apart by keyboard or screen reader; the link loses
 *   its href and with it its focus. The address bar still follows the open operation.
 * - Buttons whose aria-label hides their visible text ("Authorize" named "Apply credentials"):
 *   the name starts with the visible text.
 * - aria-label on a plain <div> (the "Copy to clipboard" wrappers, whose button has the same one).
 */
(() => {
  const hasName = (field) =>
    field.labels?.length ||
    field.getAttribute("aria-label")?.trim() ||
    field.getAttribute("aria-labelledby") ||
    (field.getAttribute("title") || "").trim();

  const name = (field, text) => {
    if (!hasName(field)) field.setAttribute("aria-label", text);
  };

  const repair = (root) => {
    // A parameter's fields, "status (query)"; a form body's, "file (request body)".
    for (const row of root.querySelectorAll("tr[data-param-name], tr[data-property-name]")) {
      const label = row.dataset.paramName
        ? `${row.dataset.paramName}${row.dataset.paramIn ? ` (${row.dataset.paramIn})` : ""}`
        : `${row.dataset.propertyName} (request body)`;
      for (const field of row.querySelectorAll(".parameters-col_description :is(select, input, textarea)")) {
        if (field.type !== "hidden") name(field, label);
      }
    }
    // The example a response or the request body shows.
    for (const field of root.querySelectorAll("select.examples-select-element")) {
      const response = field.closest("tr.response[data-code]");
      name(field, response ? `Example of the ${response.dataset.code} response` : "Example of the request body");
    }
    for (const field of root.querySelectorAll("textarea.body-param__text")) name(field, "Request body");
    for (const button of root.querySelectorAll("button.close-modal")) name(button, "Close");

    for (const link of root.querySelectorAll(".opblock-summary-control a[href]")) link.removeAttribute("href");

    for (const code of root.querySelectorAll(".highlight-code > pre")) {
      const scrolls = code.scrollWidth > code.clientWidth || code.scrollHeight > code.clientHeight;
      if (scrolls && !code.hasAttribute("tabindex")) {
        code.tabIndex = 0;
        code.dataset.scrollFocus = "";
      } else if (!scrolls && "scrollFocus" in code.dataset) {
        code.removeAttribute("tabindex");
        delete code.dataset.scrollFocus;
      }
    }

    for (const wrapper of root.querySelectorAll("div.copy-to-clipboard[aria-label]:not([role])")) {
      wrapper.removeAttribute("aria-label");
    }

    for (const button of root.querySelectorAll(".auth-btn-wrapper button[aria-label]")) {
      const text = button.textContent.trim();
      const label = button.getAttribute("aria-label");
      if (text && !label.toLowerCase().includes(text.toLowerCase())) {
        button.setAttribute("aria-label", `${text}: ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
      }
    }
  };

  const start = () => {
    repair(document);
    addEventListener("resize", () => repair(document));
    new MutationObserver(() => repair(document)).observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ["aria-label", "href"],
    });
  };

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
