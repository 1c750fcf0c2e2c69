// Starts Swagger UI on /api/v1/docs with the settings the page carries as JSON. A file rather than an inline script,
// because the portal's Content Security Policy allows only scripts from its own origin.
const settings = JSON.parse(document.getElementById("swagger-settings").textContent);
const csrfToken = document.body.dataset.csrfToken;
window.SwaggerUIBundle({
  ...settings,
  // "Try it out" on a booking sends the form's token, as the portal's own pages do.
  requestInterceptor: (request) => {
    request.headers["X-CSRFToken"] = csrfToken;
    return request;
  },
  dom_id: "#swagger-ui",
  presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
});
