// The API documentation page: Swagger UI (vendored) reading the schema the page names in data-schema-url.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    domNode: root,
    deepLinking: true,
    tryItOutEnabled: false,
    defaultModelsExpandDepth: 0,
  });
})();
