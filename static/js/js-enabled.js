// Loaded (not as a module, and not deferred) at the top of <body>: tells the
// NHS.UK frontend's CSS that JavaScript runs, before anything is drawn. A
// file rather than an inline script, so the Content Security Policy can
// forbid inline script.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
