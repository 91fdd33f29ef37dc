// Marks the page as having JavaScript before it paints, so GOV.UK components style themselves
// for it. An external file rather than an inline script keeps the content security policy strict.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
